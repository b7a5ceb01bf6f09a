package dk.npflan.dhcp.rollout;

import static org.assertj.core.api.Assertions.assertThat;

import dk.npflan.dhcp.config.Ipv4Address;
import dk.npflan.dhcp.probe.DhcpMessageType;
import dk.npflan.dhcp.probe.DhcpPacket;
import dk.npflan.dhcp.probe.DhcpPacketCodec;
import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/**
 * The harness client against two scripted servers on loopback: the peer that made the offer is
 * stopped before it sees the REQUEST, and the other peer answers only a DISCOVER whose {@code secs}
 * is past load balancing (as a dhcpd peer in normal does for the other half of the MACs).
 */
class ClientLoadTest {

    private static final Ipv4Address RELAY = Ipv4Address.of("127.0.0.1");
    private static final Ipv4Address STOPPED = Ipv4Address.of("127.0.0.2");
    private static final Ipv4Address OTHER = Ipv4Address.of("127.0.0.3");

    @Test
    void offeringPeerStoppedBeforeTheRequest_clientGoesBackToDiscover_otherPeerAcks()
            throws Exception {
        AtomicBoolean offered = new AtomicBoolean();
        try (Server stopped =
                        new Server(
                                STOPPED,
                                // one OFFER, then it is gone
                                request ->
                                        type(request) == DhcpMessageType.DISCOVER
                                                        && offered.compareAndSet(false, true)
                                                ? DhcpMessageType.OFFER
                                                : null);
                Server other =
                        new Server(
                                OTHER,
                                request ->
                                        switch (type(request)) {
                                            case DISCOVER ->
                                                    request.secs() >= 3
                                                            ? DhcpMessageType.OFFER
                                                            : null;
                                            case REQUEST ->
                                                    OTHER.equals(request.serverId().orElse(null))
                                                            ? DhcpMessageType.ACK
                                                            : null;
                                            default -> null;
                                        })) {
            ClientLoad load =
                    ClientLoad.start(
                            RELAY,
                            List.of(STOPPED, OTHER),
                            Duration.ofHours(1),
                            Duration.ofSeconds(10));
            Thread.sleep(200);
            ClientLoad.Summary summary = load.stop();

            assertThat(summary.total()).isEqualTo(1);
            assertThat(summary.failures()).isEmpty();
            assertThat(summary.fellBack()).isEqualTo(1);
            ClientLoad.Exchange exchange = summary.exchanges().get(0);
            assertThat(exchange.server()).contains(OTHER);
            assertThat(exchange.took().orElseThrow())
                    .as("three REQUESTs 2 s apart, then DISCOVER")
                    .isGreaterThanOrEqualTo(Duration.ofSeconds(6));
            assertThat(exchange.address()).contains(Ipv4Address.of("10.0.0.9"));
        }
    }

    private static DhcpMessageType type(DhcpPacket packet) {
        return packet.messageType().orElseThrow();
    }

    /** A DHCP server on {@code address}:67 that answers what {@code script} says, or nothing. */
    private static final class Server implements AutoCloseable {
        private final Ipv4Address address;
        private final DatagramSocket socket;
        private final Function<DhcpPacket, DhcpMessageType> script;
        private final Thread thread;

        Server(Ipv4Address address, Function<DhcpPacket, DhcpMessageType> script)
                throws IOException {
            this.address = address;
            this.script = script;
            this.socket = new DatagramSocket(new InetSocketAddress(address.toInet(), 67));
            this.socket.setSoTimeout(100);
            this.thread = new Thread(this::serve, "fake-dhcp-" + address);
            thread.start();
        }

        private void serve() {
            ClientLoad.receiveUntilClosed(
                    socket,
                    (request, from) -> {
                        DhcpMessageType answer = script.apply(request);
                        if (answer != null) {
                            reply(request, answer, from);
                        }
                    });
        }

        private void reply(DhcpPacket request, DhcpMessageType type, DatagramPacket from) {
            Map<Integer, byte[]> options = new LinkedHashMap<>();
            options.put(DhcpPacket.OPTION_MESSAGE_TYPE, new byte[] {(byte) type.code()});
            options.put(DhcpPacket.OPTION_SERVER_ID, address.toBytes());
            DhcpPacket reply =
                    new DhcpPacket(
                            DhcpPacket.BOOTREPLY,
                            0,
                            request.xid(),
                            0,
                            0,
                            Ipv4Address.ANY,
                            Ipv4Address.of("10.0.0." + (address.equals(OTHER) ? 9 : 5)),
                            Ipv4Address.ANY,
                            request.giaddr(),
                            request.chaddr(),
                            options);
            byte[] bytes = DhcpPacketCodec.encode(reply);
            try {
                socket.send(new DatagramPacket(bytes, bytes.length, from.getSocketAddress()));
            } catch (IOException e) {
                // the client retransmits
            }
        }

        @Override
        public void close() throws InterruptedException {
            socket.close();
            thread.join(1000);
        }
    }
}
