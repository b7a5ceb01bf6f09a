package dk.npflan.dhcp.validate;

import dk.npflan.dhcp.config.ConfigProblem;
import dk.npflan.dhcp.config.ConfigProblem.Kind;
import dk.npflan.dhcp.config.DhcpOption;
import dk.npflan.dhcp.config.DhcpOptions;
import dk.npflan.dhcp.config.Subnet;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.StringJoiner;

/**
 * The subnets of one shared network serve one link: a client there may get an address from any of
 * them, so the options it receives must not depend on which. Every option must be the same in all
 * members except those that describe their own subnet (routers, broadcast address, router
 * solicitation address); otherwise one {@link Kind#SHARED_NETWORK_OPTION_CONFLICT} names every
 * member prefix and the options that differ. Options of IP ranges (pools) are not compared: they
 * are set for a part of the link on purpose.
 */
final class SharedNetworkRules {

    private SharedNetworkRules() {}

    static void check(Map<String, List<Subnet>> networks, List<ConfigProblem> errors) {
        networks.forEach(
                (name, members) -> {
                    Map<String, Object> first = comparable(members.get(0).options());
                    List<String> differing = new ArrayList<>();
                    for (Subnet member : members.subList(1, members.size())) {
                        Map<String, Object> other = comparable(member.options());
                        for (String option : union(first, other)) {
                            if (!Objects.equals(first.get(option), other.get(option))
                                    && !differing.contains(option)) {
                                differing.add(option);
                            }
                        }
                    }
                    if (!differing.isEmpty()) {
                        errors.add(
                                new ConfigProblem(
                                        Kind.SHARED_NETWORK_OPTION_CONFLICT,
                                        members.get(0).source(),
                                        "shared network "
                                                + name
                                                + ": its prefixes "
                                                + prefixes(members)
                                                + " differ in "
                                                + String.join(", ", differing)
                                                + " (one link: set them the same)"));
                    }
                });
    }

    /** Option name → value, for the options that must agree on one link. */
    private static Map<String, Object> comparable(DhcpOptions options) {
        Map<String, Object> values = new LinkedHashMap<>();
        putIfSet(values, "domain-name-servers", options.domainNameServers());
        putIfSet(values, "domain-name", options.domainName().orElse(null));
        putIfSet(values, "default-lease-time", options.defaultLeaseTime().orElse(null));
        putIfSet(values, "max-lease-time", options.maxLeaseTime().orElse(null));
        putIfSet(values, "ntp-servers", options.ntpServers());
        for (DhcpOption option : options.other()) {
            if (!option.option().perSubnet()) {
                values.put(option.option().dhcpdName(), option.items());
            }
        }
        return values;
    }

    private static void putIfSet(Map<String, Object> values, String name, Object value) {
        if (value != null && !(value instanceof List<?> list && list.isEmpty())) {
            values.put(name, value);
        }
    }

    private static List<String> union(Map<String, Object> a, Map<String, Object> b) {
        List<String> names = new ArrayList<>(a.keySet());
        b.keySet().stream().filter(name -> !a.containsKey(name)).forEach(names::add);
        return names;
    }

    private static String prefixes(List<Subnet> members) {
        StringJoiner out = new StringJoiner(", ");
        for (Subnet member : members) {
            out.add(
                    member.network()
                            + " ("
                            + member.source().type()
                            + " "
                            + member.source().id()
                            + ")");
        }
        return out.toString();
    }
}
