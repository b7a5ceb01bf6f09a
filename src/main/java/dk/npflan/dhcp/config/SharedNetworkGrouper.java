package dk.npflan.dhcp.config;

import com.fasterxml.jackson.databind.JsonNode;
import dk.npflan.dhcp.netbox.Prefix;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Finds the subnets that share one link: prefixes with the same {@code dhcp_shared_network} custom
 * field, or else on the same NetBox VLAN (when {@code shared-networks.by-vlan} is on). Only a link
 * with two or more subnets becomes a shared network, so a prefix alone on its VLAN renders exactly
 * as before. The name is a safe identifier: the custom field's text, or {@code vlan-<NetBox VLAN
 * id>-<VLAN name>}, with every character outside {@code [A-Za-z0-9_.-]} replaced by {@code -} and
 * cut at {@value #MAX_NAME} characters; subnets whose names come out equal share the network.
 */
final class SharedNetworkGrouper {

    static final int MAX_NAME = 64;

    private final DhcpdSettings settings;
    private final List<ConfigProblem> problems;
    private final Map<Long, String> nameByPrefix = new HashMap<>();

    SharedNetworkGrouper(DhcpdSettings settings, List<ConfigProblem> problems) {
        this.settings = settings;
        this.problems = problems;
    }

    /** Notes the link of one built prefix. */
    void add(Prefix prefix, NetBoxObject source) {
        String field = settings.customFields().sharedNetwork();
        JsonNode value = prefix.customFields().get(field);
        if (!OptionValueParser.isAbsent(value)) {
            Optional<String> name = value.isTextual() ? name(value.asText()) : Optional.empty();
            if (name.isEmpty()) {
                problems.add(
                        new ConfigProblem(
                                ConfigProblem.Kind.INVALID_SHARED_NETWORK,
                                source,
                                "custom field "
                                        + field
                                        + ": not a name: "
                                        + OptionValueParser.quote(value.toString())));
                return;
            }
            nameByPrefix.put(prefix.id(), name.get());
        } else if (settings.sharedNetworks().byVlan() && prefix.vlan() != null) {
            String vlanName = prefix.vlan().name() == null ? "" : "-" + prefix.vlan().name();
            name("vlan-" + prefix.vlan().id() + vlanName)
                    .ifPresent(name -> nameByPrefix.put(prefix.id(), name));
        }
    }

    /** The subnets in the same order, those on a shared link marked with its name. */
    List<Subnet> assign(List<Subnet> subnets) {
        Map<String, Integer> members = new HashMap<>();
        for (Subnet subnet : subnets) {
            linkOf(subnet).ifPresent(name -> members.merge(name, 1, Integer::sum));
        }
        List<Subnet> out = new ArrayList<>(subnets.size());
        for (Subnet subnet : subnets) {
            Optional<String> link = linkOf(subnet).filter(name -> members.get(name) > 1);
            out.add(link.isPresent() ? subnet.inSharedNetwork(link.get()) : subnet);
        }
        return out;
    }

    private Optional<String> linkOf(Subnet subnet) {
        return NetBoxObject.PREFIX.equals(subnet.source().type())
                ? Optional.ofNullable(nameByPrefix.get(subnet.source().id()))
                : Optional.empty();
    }

    /** A safe identifier from NetBox text; empty when nothing usable is left. */
    static Optional<String> name(String text) {
        String stripped = text.strip();
        StringBuilder out = new StringBuilder(Math.min(stripped.length(), MAX_NAME));
        for (int i = 0; i < stripped.length() && out.length() < MAX_NAME; i++) {
            char c = stripped.charAt(i);
            boolean safe =
                    (c >= 'a' && c <= 'z')
                            || (c >= 'A' && c <= 'Z')
                            || (c >= '0' && c <= '9')
                            || c == '_'
                            || c == '.'
                            || c == '-';
            out.append(safe ? c : '-');
        }
        String name = out.toString();
        return name.chars().anyMatch(Character::isLetterOrDigit)
                ? Optional.of(name)
                : Optional.empty();
    }
}
