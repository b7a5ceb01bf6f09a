package dk.npflan.dhcp.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dk.npflan.dhcp.netbox.Choice;
import dk.npflan.dhcp.netbox.IpRange;
import dk.npflan.dhcp.netbox.Prefix;
import dk.npflan.dhcp.netbox.Tag;
import dk.npflan.dhcp.netbox.Vlan;
import dk.npflan.dhcp.netbox.Vrf;
import java.util.List;
import java.util.Map;

/**
 * NetBox prefixes and IP ranges with {@code dhcp_options}, {@code dhcp_shared_network} and VLANs,
 * for the option and shared-network tests of both backends.
 */
public final class OptionFixtures {

    public static final ObjectMapper JSON = new ObjectMapper();
    public static final Vrf VRF = new Vrf(2, "CORP", "65000:100");
    private static final Choice ACTIVE = new Choice("active", "Active");

    private OptionFixtures() {}

    public static Prefix prefix(long id, String cidr, Vlan vlan, Map<String, JsonNode> fields) {
        return new Prefix(
                id,
                cidr,
                VRF,
                ACTIVE,
                null,
                List.of(new Tag(7, "dhcp", "dhcp")),
                fields,
                "prefix " + id,
                "https://netbox.example.org/api/ipam/prefixes/" + id + "/",
                "https://netbox.example.org/ipam/prefixes/" + id + "/",
                vlan);
    }

    public static Prefix prefix(long id, String cidr) {
        return prefix(id, cidr, null, Map.of());
    }

    public static IpRange range(long id, String start, String end, Map<String, JsonNode> fields) {
        return new IpRange(
                id,
                start,
                end,
                VRF,
                ACTIVE,
                null,
                List.of(),
                fields,
                "range " + id,
                "https://netbox.example.org/api/ipam/ip-ranges/" + id + "/",
                null);
    }

    /** {@code {"dhcp_options": <json>}}. */
    public static Map<String, JsonNode> options(String json) {
        return Map.of("dhcp_options", parse(json));
    }

    public static JsonNode parse(String json) {
        try {
            return JSON.readTree(json);
        } catch (Exception e) {
            throw new IllegalArgumentException(json, e);
        }
    }

    /** Prefixes and IP ranges of {@link #hostile}. */
    public record Inventory(List<Prefix> prefixes, List<IpRange> ranges) {}

    /** Whether {@code text} is a {@code dhcp_options} text value the parser takes as it is. */
    public static boolean acceptedText(String text) {
        return !text.isBlank()
                && text.length() <= OptionValueParser.MAX_OPTION_TEXT
                && text.matches("[\\x20-\\x7E&&[^\\\\,]]+");
    }

    /** Whether {@code text} gives a usable shared-network name. */
    public static boolean usableName(String text) {
        return SharedNetworkGrouper.name(text).isPresent();
    }

    /**
     * Four prefixes per corpus entry {@code t}: A and B on one VLAN named {@code t}, both with
     * {@code dhcp_options} {@code root-path = t}, A's IP range with {@code tftp-server-name = t}; C
     * and D with {@code dhcp_shared_network = t}. With {@code harmless}, every accepted {@code t}
     * is replaced by safe text that is taken the same way (the sanitized name for C and D), so both
     * inventories must render the same structure.
     */
    public static Inventory hostile(List<String> corpus, boolean harmless) {
        List<Prefix> prefixes = new java.util.ArrayList<>();
        List<IpRange> ranges = new java.util.ArrayList<>();
        for (int i = 0; i < corpus.size(); i++) {
            String t = corpus.get(i);
            String text = harmless && acceptedText(t) ? "x" + i : t;
            String name = harmless && usableName(t) ? SharedNetworkGrouper.name(t).get() : t;
            Vlan vlan = new Vlan(1000 + i, i, harmless ? "x" : t);
            com.fasterxml.jackson.databind.node.ObjectNode rootPath = JSON.createObjectNode();
            rootPath.put("root-path", text);
            com.fasterxml.jackson.databind.node.ObjectNode tftp = JSON.createObjectNode();
            tftp.put("tftp-server-name", text);
            Map<String, JsonNode> link =
                    Map.of(
                            "dhcp_shared_network",
                            com.fasterxml.jackson.databind.node.TextNode.valueOf(name));
            prefixes.add(
                    prefix(
                            10_000 + i,
                            "10.77." + i + ".0/24",
                            vlan,
                            Map.of("dhcp_options", rootPath)));
            prefixes.add(
                    prefix(
                            20_000 + i,
                            "10.78." + i + ".0/24",
                            vlan,
                            Map.of("dhcp_options", rootPath)));
            prefixes.add(prefix(30_000 + i, "10.79." + i + ".0/24", null, link));
            prefixes.add(prefix(40_000 + i, "10.80." + i + ".0/24", null, link));
            ranges.add(
                    range(
                            50_000 + i,
                            "10.77." + i + ".10/24",
                            "10.77." + i + ".20/24",
                            Map.of("dhcp_options", tftp)));
        }
        return new Inventory(prefixes, ranges);
    }

    /** A valid sample value for every option of the table, one type at a time. */
    public static ObjectNode everyOption() {
        ObjectNode all = JSON.createObjectNode();
        for (StandardOption option : StandardOptions.ALL) {
            all.set(option.dhcpdName(), sample(option.type()));
        }
        return all;
    }

    public static JsonNode sample(OptionType type) {
        switch (type) {
            case IP:
                return parse("\"10.9.8.7\"");
            case IP_LIST:
                return parse("[\"10.9.8.1\", \"10.9.8.2\"]");
            case UINT8:
                return parse("64");
            case UINT16:
                return parse("1400");
            case UINT32:
                return parse("\"4294967295\"");
            case INT32:
                return parse("-3600");
            case BOOL:
                return parse("true");
            case TEXT:
                return parse("\"a \\\"quoted\\\" {text}; # not a comment\"");
            case DOMAIN_NAME:
                return parse("\"lan.example.org\"");
            case DOMAIN_LIST:
                return parse("\"lan.example.org, example.org\"");
            default:
                throw new IllegalArgumentException(type.name());
        }
    }
}
