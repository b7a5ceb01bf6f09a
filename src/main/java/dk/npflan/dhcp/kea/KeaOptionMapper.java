package dk.npflan.dhcp.kea;

import dk.npflan.dhcp.config.DhcpOption;
import dk.npflan.dhcp.config.DhcpOptions;
import dk.npflan.dhcp.config.Ipv4Address;
import dk.npflan.dhcp.kea.KeaDhcp4Config.OptionData;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Maps the options of the shared model ({@link DhcpOptions}, already validated) to Kea: addresses
 * and the domain name become {@code option-data} with Kea's option names, the two lease times
 * become {@code valid-lifetime} and {@code max-valid-lifetime}. Every component of {@link
 * DhcpOptions} has a line here; {@code KeaOptionMapperTest} fails when one is added without one.
 */
final class KeaOptionMapper {

    private KeaOptionMapper() {}

    /**
     * The {@code option-data} list in a fixed order (routers, name servers, domain, NTP, then the
     * other standard options as NetBox gave them).
     */
    static List<OptionData> optionData(DhcpOptions options) {
        List<OptionData> data = new ArrayList<>(4);
        addresses(data, "routers", options.routers());
        addresses(data, "domain-name-servers", options.domainNameServers());
        options.domainName().ifPresent(name -> data.add(new OptionData("domain-name", name)));
        addresses(data, "ntp-servers", options.ntpServers());
        data.addAll(standard(options.other()));
        return data;
    }

    /**
     * Options from {@code dhcp_options} by Kea's name, the items comma-separated (Kea's CSV form;
     * the parser admits no comma or backslash inside an item, so none can split or escape one).
     */
    static List<OptionData> standard(List<DhcpOption> options) {
        List<OptionData> data = new ArrayList<>(options.size());
        for (DhcpOption option : options) {
            data.add(new OptionData(option.option().keaName(), String.join(", ", option.items())));
        }
        return data;
    }

    /** {@code valid-lifetime}: dhcpd's {@code default-lease-time}; absent = inherited. */
    static Long validLifetime(DhcpOptions options) {
        return seconds(options.defaultLeaseTime());
    }

    /** {@code max-valid-lifetime}: dhcpd's {@code max-lease-time}; absent = inherited. */
    static Long maxValidLifetime(DhcpOptions options) {
        return seconds(options.maxLeaseTime());
    }

    private static Long seconds(Optional<Long> value) {
        return value.orElse(null);
    }

    private static void addresses(List<OptionData> data, String name, List<Ipv4Address> list) {
        if (!list.isEmpty()) {
            StringBuilder csv = new StringBuilder(list.size() * 16);
            for (int i = 0; i < list.size(); i++) {
                list.get(i).appendTo(i == 0 ? csv : csv.append(", "));
            }
            data.add(new OptionData(name, csv.toString()));
        }
    }
}
