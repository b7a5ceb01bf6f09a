package dk.npflan.dhcp.config;

import java.util.List;
import java.util.Optional;

/**
 * One {@code pool { failover peer …; range start end; }}. The source is the NetBox IP range it came
 * from, or empty when the default rule produced it; {@code options} are the range's {@code
 * dhcp_options} (they override the subnet's for clients in this pool).
 */
public record Pool(
        Ipv4Address start,
        Ipv4Address end,
        String failoverPeer,
        Optional<NetBoxObject> range,
        List<DhcpOption> options) {

    public Pool {
        options = List.copyOf(options);
    }

    /** A pool without options of its own. */
    public Pool(
            Ipv4Address start, Ipv4Address end, String failoverPeer, Optional<NetBoxObject> range) {
        this(start, end, failoverPeer, range, List.of());
    }
}
