package dk.npflan.dhcp.config;

import java.util.List;
import java.util.Optional;

/**
 * DHCP options that can be set globally or per subnet. Every value has been validated (addresses
 * parsed, domain name checked, lease times range-checked), so the renderer only prints them. {@code
 * other} holds the standard options from the {@code dhcp_options} custom field except the four that
 * have a component here (routers, name servers, domain name, NTP servers: those land in their
 * component), in the order NetBox gave them.
 */
public record DhcpOptions(
        List<Ipv4Address> routers,
        List<Ipv4Address> domainNameServers,
        Optional<String> domainName,
        Optional<Long> defaultLeaseTime,
        Optional<Long> maxLeaseTime,
        List<Ipv4Address> ntpServers,
        List<DhcpOption> other) {

    public DhcpOptions {
        routers = List.copyOf(routers);
        domainNameServers = List.copyOf(domainNameServers);
        ntpServers = List.copyOf(ntpServers);
        other = List.copyOf(other);
    }

    /** The five custom-field options only, no {@code dhcp_options}. */
    public DhcpOptions(
            List<Ipv4Address> routers,
            List<Ipv4Address> domainNameServers,
            Optional<String> domainName,
            Optional<Long> defaultLeaseTime,
            Optional<Long> maxLeaseTime,
            List<Ipv4Address> ntpServers) {
        this(
                routers,
                domainNameServers,
                domainName,
                defaultLeaseTime,
                maxLeaseTime,
                ntpServers,
                List.of());
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
