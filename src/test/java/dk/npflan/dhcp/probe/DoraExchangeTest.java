package dk.npflan.dhcp.probe;

import static org.assertj.core.api.Assertions.assertThat;

import dk.npflan.dhcp.config.Ipv4Address;
import dk.npflan.dhcp.config.Ipv4Network;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DoraExchangeTest {

    private static final Ipv4Address SERVER = Ipv4Address.of("10.251.0.1");
    private static final Ipv4Address PARTNER = Ipv4Address.of("10.251.0.2");
    private static final Ipv4Address LEASED = Ipv4Address.of("10.251.255.4");
    private static final int XID = 42;
    private final ProbeParameters parameters =
            new ProbeParameters(
                    ProbeParameters.macFor(SERVER),
                    Ipv4Address.of("127.0.0.1"),
                    Ipv4Network.of("10.251.255.0/28"),
                    SERVER,
                    60,
                    Duration.ofSeconds(2));
    private final DoraExchange exchange = new DoraExchange(parameters, XID);

    @Test
    void discover_isRelayFormattedWithProbeSubnetAndSecs() {
        DhcpPacket discover = exchange.discover();

        assertThat(discover.messageType()).contains(DhcpMessageType.DISCOVER);
        assertThat(discover.giaddr()).isEqualTo(Ipv4Address.of("127.0.0.1"));
        assertThat(discover.hops()).isEqualTo(1);
        assertThat(discover.secs()).isEqualTo(60);
        assertThat(discover.chaddr()).containsExactly(0x02, 0x4e, 10, (byte) 251, 0, 1);
        assertThat(discover.options().get(DhcpPacket.OPTION_SUBNET_SELECTION))
                .containsExactly(10, (byte) 251, (byte) 255, 0);
    }

    @Test
    void offerThenAckFromOwnServer_isReadyWithLease() {
        DoraExchange.Step afterOffer = exchange.onReply(reply(DhcpMessageType.OFFER, SERVER, XID));
        assertThat(afterOffer).isInstanceOf(DoraExchange.Step.Send.class);
        DhcpPacket request = ((DoraExchange.Step.Send) afterOffer).packet();
        assertThat(request.messageType()).contains(DhcpMessageType.REQUEST);
        assertThat(request.serverId()).contains(SERVER);
        assertThat(request.options().get(DhcpPacket.OPTION_REQUESTED_ADDRESS))
                .isEqualTo(LEASED.toBytes());

        DoraExchange.Step done = exchange.onReply(reply(DhcpMessageType.ACK, SERVER, XID));

        assertThat(done).isInstanceOf(DoraExchange.Step.Done.class);
        assertThat(((DoraExchange.Step.Done) done).lease())
                .contains(new Lease(LEASED, SERVER, Duration.ofSeconds(120)));
    }

    @Test
    void nak_endsTheExchangeAsNak() {
        exchange.onReply(reply(DhcpMessageType.OFFER, SERVER, XID));

        DoraExchange.Step done = exchange.onReply(reply(DhcpMessageType.NAK, SERVER, XID));

        assertThat(((DoraExchange.Step.Done) done).failure()).isEqualTo(ProbeFailure.NAK);
    }

    @Test
    void offerOnlyFromPartner_endsAsWrongServerAtTimeout() {
        assertThat(exchange.onReply(reply(DhcpMessageType.OFFER, PARTNER, XID)))
                .isInstanceOf(DoraExchange.Step.Wait.class);

        DoraExchange.Step.Done done = exchange.onTimeout();

        assertThat(done.failure()).isEqualTo(ProbeFailure.WRONG_SERVER);
        assertThat(done.detail()).contains("OFFER from 10.251.0.2");
    }

    @Test
    void repliesForOtherTransactionsOrEarlyAcks_areIgnored() {
        assertThat(exchange.onReply(reply(DhcpMessageType.OFFER, SERVER, XID + 1)))
                .isInstanceOf(DoraExchange.Step.Wait.class);
        assertThat(exchange.onReply(reply(DhcpMessageType.ACK, SERVER, XID)))
                .as("ACK before we sent a REQUEST")
                .isInstanceOf(DoraExchange.Step.Wait.class);

        DoraExchange.Step.Done done = exchange.onTimeout();

        assertThat(done.failure()).isEqualTo(ProbeFailure.TIMEOUT);
        assertThat(done.detail()).startsWith("no DHCPOFFER within 2000 ms");
    }

    private static DhcpPacket reply(DhcpMessageType type, Ipv4Address server, int xid) {
        Map<Integer, byte[]> options = new LinkedHashMap<>();
        options.put(DhcpPacket.OPTION_MESSAGE_TYPE, new byte[] {(byte) type.code()});
        options.put(DhcpPacket.OPTION_SERVER_ID, server.toBytes());
        options.put(DhcpPacket.OPTION_LEASE_TIME, new byte[] {0, 0, 0, 120});
        return new DhcpPacket(
                DhcpPacket.BOOTREPLY,
                1,
                xid,
                0,
                0,
                Ipv4Address.ANY,
                LEASED,
                Ipv4Address.ANY,
                Ipv4Address.of("127.0.0.1"),
                ProbeParameters.macFor(SERVER),
                options);
    }
}
