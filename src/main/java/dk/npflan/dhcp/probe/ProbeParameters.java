package dk.npflan.dhcp.probe;

import dk.npflan.dhcp.config.Ipv4Address;
import dk.npflan.dhcp.config.Ipv4Network;
import java.time.Duration;

/**
 * What one probe sends and expects. The relay fields make dhcpd treat the probe as relayed traffic:
 * {@code giaddr} (127.0.0.1 for the in-namespace probe, so the reply comes to 127.0.0.1:68), hops
 * 1, option 118 naming the probe subnet, and {@code secs} above dhcpd's {@code load balance max
 * seconds} so that either failover peer answers whatever the client MAC hashes to.
 */
public record ProbeParameters(
        byte[] clientMac,
        Ipv4Address giaddr,
        Ipv4Network probeSubnet,
        Ipv4Address expectedServer,
        int secs,
        Duration timeout) {

    /** Above any sane {@code load balance max seconds} (ISC recommends 3–5). */
    public static final int DEFAULT_SECS = 60;

    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(2);

    public ProbeParameters {
        if (clientMac.length != 6) {
            throw new IllegalArgumentException("client MAC must be 6 bytes");
        }
        clientMac = clientMac.clone();
    }

    @Override
    public byte[] clientMac() {
        return clientMac.clone();
    }

    /**
     * A fixed, locally administered MAC per probed server ({@code 02:4e:} + its IPv4 address), so
     * repeated probes renew one lease instead of draining the probe pool.
     */
    public static byte[] macFor(Ipv4Address server) {
        byte[] a = server.toBytes();
        return new byte[] {0x02, 0x4e, a[0], a[1], a[2], a[3]};
    }
}
