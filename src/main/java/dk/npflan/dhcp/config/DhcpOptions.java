package dk.npflan.dhcp.config;

import java.util.List;
import java.util.Optional;

/**
 * DHCP options that can be set globally or per subnet. Every value has been validated (addresses
 * parsed, domain name checked, lease times range-checked), so the renderer only prints them.
 */
public record DhcpOptions(
        List<Ipv4Address> routers,
        List<Ipv4Address> domainNameServers,
        Optional<String> domainName,
        Optional<Long> defaultLeaseTime,
        Optional<Long> maxLeaseTime,
        List<Ipv4Address> ntpServers) {

    public DhcpOptions {
        routers = List.copyOf(routers);
        domainNameServers = List.copyOf(domainNameServers);
        ntpServers = List.copyOf(ntpServers);
    }

    public static DhcpOptions none() {
        return new DhcpOptions(
                List.of(),
                List.of(),
                Optional.empty(),
                Optional.empty(),
                Optional.empty(),
                List.of());
    }
}
