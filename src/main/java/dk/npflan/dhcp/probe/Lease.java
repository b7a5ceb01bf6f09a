package dk.npflan.dhcp.probe;

import java.net.Inet4Address;
import java.time.Duration;

/**
 * The lease a successful probe obtained: what the server handed out, who it was, and for how long.
 */
public record Lease(Inet4Address address, Inet4Address serverId, Duration leaseTime) {}
