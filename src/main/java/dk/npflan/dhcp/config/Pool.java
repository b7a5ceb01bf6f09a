package dk.npflan.dhcp.config;

import java.util.Optional;

/**
 * One {@code pool { failover peer …; range start end; }}. The source is the NetBox IP range it came
 * from, or empty when the default rule produced it.
 */
public record Pool(
        Ipv4Address start, Ipv4Address end, String failoverPeer, Optional<NetBoxObject> range) {}
