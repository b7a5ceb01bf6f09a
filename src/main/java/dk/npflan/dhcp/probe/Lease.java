package dk.npflan.dhcp.probe;

import dk.npflan.dhcp.config.Ipv4Address;
import java.time.Duration;

/**
 * The lease a successful probe obtained: what the server handed out, who it was, and for how long.
 */
public record Lease(Ipv4Address address, Ipv4Address serverId, Duration leaseTime) {}
