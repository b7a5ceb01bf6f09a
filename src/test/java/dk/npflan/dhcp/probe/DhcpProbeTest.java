package dk.npflan.dhcp.probe;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketException;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class DhcpProbeTest {

    @Test
    void clientPortAlreadyTaken_failsFastAsSocketErrorInsteadOfSharingIt() throws IOException {
        DatagramSocket holder = null;
        try {
            try {
                holder =
                        new DatagramSocket(
                                new InetSocketAddress(InetAddress.getLoopbackAddress(), 68));
            } catch (SocketException e) {
                // someone (e.g. a DHCP client) already holds port 68 here: the probe must fail the
                // same way
            }

            ProbeOutcome outcome =
                    DhcpProbe.local(
                            "lo", Ipv4Subnet.parse("198.18.78.0/27"), Duration.ofSeconds(2));

            assertThat(outcome)
                    .isInstanceOfSatisfying(
                            ProbeOutcome.NotReady.class,
                            notReady ->
                                    assertThat(notReady.failure())
                                            .isEqualTo(ProbeFailure.SOCKET_ERROR));
            assertThat(outcome.latency()).isLessThan(Duration.ofSeconds(2));
        } finally {
            if (holder != null) {
                holder.close();
            }
        }
    }
}
