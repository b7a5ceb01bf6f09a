package dk.npflan.dhcp.config;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.text.Normalizer;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Turns the seed's NetBox UI CSV export (292 prefixes) into an inventory fixture in REST shape,
 * tagging with {@code dhcp} exactly the rows the seed's generator selected: role Access or
 * Wireless, or description AP-MGMT, but not description "Wireless Networks" (case-insensitive).
 * Kept in the test sources so the fixture is reproducible: {@code java … SeedInventoryConverter
 * src/test/resources/seed/npflan-netbox-prefixes.csv src/test/resources/inventory/seed-npflan.json}
 * ({@code SeedInventoryConverterTest} checks the committed file equals a fresh conversion).
 */
public final class SeedInventoryConverter {

    static final String BASE = "https://netbox.example.org";
    private static final ObjectMapper JSON =
            new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private SeedInventoryConverter() {}

    public static void main(String[] args) throws IOException {
        Files.writeString(
                Path.of(args[1]),
                convert(Files.readString(Path.of(args[0]), StandardCharsets.UTF_8)));
    }

    static boolean seedSelects(String role, String description) {
        String r = role.toLowerCase(Locale.ROOT);
        String d = description.toLowerCase(Locale.ROOT);
        return (r.equals("access") || r.equals("wireless") || d.equals("ap-mgmt"))
                && !d.equals("wireless networks");
    }

    static String convert(String csv) throws IOException {
        List<String> lines = csv.lines().filter(l -> !l.isBlank()).toList();
        List<String> header = List.of(lines.get(0).split(",", -1));
        Map<String, Integer> roleIds = new LinkedHashMap<>();
        ObjectNode inventory = JSON.createObjectNode();
        ArrayNode prefixes = inventory.putArray("prefixes");
        inventory.putArray("ip_ranges");
        for (int i = 1; i < lines.size(); i++) {
            String[] cells = lines.get(i).split(",", header.size());
            Map<String, String> row = new LinkedHashMap<>();
            for (int c = 0; c < header.size(); c++) {
                row.put(header.get(c), c < cells.length ? cells[c] : "");
            }
            prefixes.add(prefix(i, row, roleIds));
        }
        return JSON.writeValueAsString(inventory) + "\n";
    }

    private static ObjectNode prefix(
            long id, Map<String, String> row, Map<String, Integer> roleIds) {
        ObjectNode p = JSON.createObjectNode();
        p.put("id", id);
        p.put("url", BASE + "/api/ipam/prefixes/" + id + "/");
        p.put("display_url", BASE + "/ipam/prefixes/" + id + "/");
        p.put("display", row.get("prefix"));
        ObjectNode family = p.putObject("family");
        family.put("value", row.get("prefix").contains(":") ? 6 : 4);
        family.put("label", row.get("prefix").contains(":") ? "IPv6" : "IPv4");
        p.put("prefix", row.get("prefix"));
        ObjectNode vrf = p.putObject("vrf");
        vrf.put("id", 1);
        vrf.put("url", BASE + "/api/ipam/vrfs/1/");
        vrf.put("display", row.get("vrf"));
        vrf.put("name", row.get("vrf"));
        vrf.putNull("rd");
        vrf.put("description", "");
        ObjectNode status = p.putObject("status");
        status.put("value", "active");
        status.put("label", "Active");
        String roleName = row.get("role");
        if (roleName.isEmpty()) {
            p.putNull("role");
        } else {
            int roleId = roleIds.computeIfAbsent(roleName, k -> roleIds.size() + 1);
            ObjectNode role = p.putObject("role");
            role.put("id", roleId);
            role.put("url", BASE + "/api/ipam/roles/" + roleId + "/");
            role.put("display", roleName);
            role.put("name", roleName);
            role.put("slug", slug(roleName));
            role.put("description", "");
        }
        p.put("is_pool", "true".equalsIgnoreCase(row.get("is_pool")));
        p.put("mark_utilized", false);
        p.put("description", row.get("description"));
        p.put("comments", "");
        ArrayNode tags = p.putArray("tags");
        if (seedSelects(roleName, row.get("description"))) {
            ObjectNode tag = tags.addObject();
            tag.put("id", 1);
            tag.put("url", BASE + "/api/extras/tags/1/");
            tag.put("display_url", BASE + "/extras/tags/1/");
            tag.put("display", "dhcp");
            tag.put("name", "dhcp");
            tag.put("slug", "dhcp");
            tag.put("color", "4caf50");
        }
        p.putObject("custom_fields");
        return p;
    }

    private static String slug(String name) {
        String ascii =
                Normalizer.normalize(
                                name.replace("æ", "ae").replace("ø", "oe").replace("å", "aa"),
                                Normalizer.Form.NFKD)
                        .replaceAll("[^\\p{ASCII}]", "");
        return ascii.toLowerCase(Locale.ROOT)
                .replaceAll("[^a-z0-9]+", "-")
                .replaceAll("(^-|-$)", "");
    }
}
