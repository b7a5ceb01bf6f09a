package dk.npflan.dhcp.probe;

/**
 * How a probe's request reached dhcpd. Reported with every outcome and by {@code probe}, because
 * the path decides what the probe can prove: only {@link #AF_PACKET} works whatever the interface's
 * addressing (a /32 pod address has no broadcast).
 */
public enum ProbePath {
    /** An IPv4/UDP packet sent as a frame out of the interface through a packet socket. */
    AF_PACKET,
    /**
     * A UDP datagram to the interface's directed broadcast: the fallback where no packet socket can
     * be opened (no CAP_NET_RAW, JNA's native library not loadable).
     */
    UDP_BROADCAST,
    /** Unicast to the server's port 67 as a relay agent, from outside its namespace. */
    RELAY
}
