package dk.npflan.dhcp.agent;

import dk.npflan.dhcp.config.Ipv4Address;
import java.time.Instant;
import java.util.Optional;

/**
 * The partner's address as this peer's dhcpd holds it: the {@code peer address} of the role's
 * failover file, and what that name resolved to when dhcpd started (or when dhcpd's own cache of
 * the lookup expired since). dhcpd accepts a failover connection only from that address, so a
 * partner that came back at another address is locked out until this peer restarts: the roller
 * compares this with where it finds the partner.
 *
 * @param configured the {@code peer address} as written in the failover file (name or IPv4)
 * @param resolved the IPv4 address it resolved to; empty when the lookup failed
 * @param error why the lookup failed
 * @param at when it was resolved
 */
public record PartnerAddress(
        String configured, Optional<Ipv4Address> resolved, Optional<String> error, Instant at) {

    static PartnerAddress resolved(String configured, Ipv4Address address, Instant at) {
        return new PartnerAddress(configured, Optional.of(address), Optional.empty(), at);
    }

    static PartnerAddress failed(String configured, String error, Instant at) {
        return new PartnerAddress(configured, Optional.empty(), Optional.of(error), at);
    }
}
