package dk.npflan.dhcp.probe;

import static org.assertj.core.api.Assertions.assertThat;

import dk.npflan.dhcp.config.Ipv4Network;
import java.io.IOException;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

/**
 * The probe's own failure paths, made to happen on purpose (a port this test really holds, a packet
 * socket that reports it cannot open), so each passes or fails for that reason only and not because
 * of who runs it.
 */
class DhcpProbeTest {

    private static final Ipv4Network PROBE_SUBNET = Ipv4Network.of("198.18.78.0/27");

    @Test
    void replyPortHeldByAnotherSocket_failsFastAsSocketErrorInsteadOfSharingIt()
            throws IOException {
        try (DatagramSocket holder =
                new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0))) {
            InetSocketAddress taken =
                    new InetSocketAddress(InetAddress.getLoopbackAddress(), holder.getLocalPort());
            AtomicBoolean packetSocketOpened = new AtomicBoolean();

            ProbeOutcome outcome =
                    DhcpProbe.local(
                            "lo",
                            PROBE_SUBNET,
                            Duration.ofSeconds(2),
                            Optional.empty(),
                            taken,
                            () -> {
                                packetSocketOpened.set(true);
                                return new PacketSocket.Opening.Unavailable("not in this test");
                            });

            assertThat(outcome)
                    .isInstanceOfSatisfying(
                            ProbeOutcome.NotReady.class,
                            notReady -> {
                                assertThat(notReady.failure()).isEqualTo(ProbeFailure.SOCKET_ERROR);
                                assertThat(notReady.detail())
                                        .contains("127.0.0.1:" + holder.getLocalPort());
                            });
            assertThat(outcome.path()).isEmpty();
            assertThat(packetSocketOpened).as("nothing sent without a reply socket").isFalse();
            assertThat(outcome.latency()).isLessThan(Duration.ofSeconds(2));
        }
    }

    @Test
    void noPacketSocketAndLoopbackHasNoBroadcast_failsAsNoSendPathNamingBothCauses()
            throws IOException {
        InetSocketAddress free = new InetSocketAddress(InetAddress.getLoopbackAddress(), 0);

        ProbeOutcome outcome =
                DhcpProbe.local(
                        "lo",
                        PROBE_SUBNET,
                        Duration.ofSeconds(2),
                        Optional.empty(),
                        free,
                        () -> new PacketSocket.Opening.Unavailable("EPERM (simulated)"));

        assertThat(outcome)
                .isInstanceOfSatisfying(
                        ProbeOutcome.NotReady.class,
                        notReady -> {
                            assertThat(notReady.failure()).isEqualTo(ProbeFailure.NO_SEND_PATH);
                            assertThat(notReady.detail())
                                    .contains("EPERM (simulated)")
                                    .contains("lo (127.0.0.1/8) has no broadcast address");
                        });
        assertThat(outcome.path()).isEmpty();
    }

    @Test
    void missingInterface_isNoInterfaceBeforeAnySocketIsOpened() {
        ProbeOutcome outcome =
                DhcpProbe.local(
                        "nbd-no-such0",
                        PROBE_SUBNET,
                        Duration.ofSeconds(2),
                        Optional.empty(),
                        DhcpProbe.REPLY_ADDRESS,
                        () -> {
                            throw new AssertionError("no packet socket for a missing interface");
                        });

        assertThat(outcome)
                .isInstanceOfSatisfying(
                        ProbeOutcome.NotReady.class,
                        notReady ->
                                assertThat(notReady.failure())
                                        .isEqualTo(ProbeFailure.NO_INTERFACE));
    }
}
