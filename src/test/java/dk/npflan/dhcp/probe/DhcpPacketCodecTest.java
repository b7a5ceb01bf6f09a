package dk.npflan.dhcp.probe;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dk.npflan.dhcp.config.Ipv4Address;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DhcpPacketCodecTest {

    private static final byte[] MAC = {0x02, 0x4e, 10, (byte) 251, 0, 1};

    @Test
    void relayedRequest_roundTripsAndCarriesRelayFields() {
        Map<Integer, byte[]> options = new LinkedHashMap<>();
        options.put(DhcpPacket.OPTION_MESSAGE_TYPE, new byte[] {3});
        options.put(DhcpPacket.OPTION_SUBNET_SELECTION, Ipv4Address.of("10.251.255.0").toBytes());
        DhcpPacket packet =
                new DhcpPacket(
                        DhcpPacket.BOOTREQUEST,
                        1,
                        0xCAFEBABE,
                        60,
                        0,
                        Ipv4Address.ANY,
                        Ipv4Address.ANY,
                        Ipv4Address.ANY,
                        Ipv4Address.of("127.0.0.1"),
                        MAC,
                        options);

        byte[] wire = DhcpPacketCodec.encode(packet);

        assertThat(wire.length).isGreaterThanOrEqualTo(300);
        assertThat(wire[0]).isEqualTo((byte) 1);
        assertThat(wire[3]).as("hops").isEqualTo((byte) 1);
        assertThat(Arrays.copyOfRange(wire, 8, 10)).as("secs").containsExactly(0, 60);
        assertThat(Arrays.copyOfRange(wire, 24, 28)).as("giaddr").containsExactly(127, 0, 0, 1);
        assertThat(Arrays.copyOfRange(wire, 236, 240))
                .as("magic cookie")
                .containsExactly(99, (byte) 130, 83, 99);
        DhcpPacket decoded = DhcpPacketCodec.decode(wire, wire.length);
        assertThat(decoded).isEqualTo(packet);
        assertThat(decoded.messageType()).contains(DhcpMessageType.REQUEST);
    }

    @Test
    void serverReply_exposesServerIdLeaseTimeAndMessage() {
        Map<Integer, byte[]> options = new LinkedHashMap<>();
        options.put(DhcpPacket.OPTION_MESSAGE_TYPE, new byte[] {6});
        options.put(DhcpPacket.OPTION_SERVER_ID, new byte[] {10, (byte) 251, 0, 1});
        options.put(DhcpPacket.OPTION_LEASE_TIME, new byte[] {0, 0, 0x0e, 0x10});
        options.put(DhcpPacket.OPTION_MESSAGE, "wrong network".getBytes());
        DhcpPacket reply =
                new DhcpPacket(
                        DhcpPacket.BOOTREPLY,
                        0,
                        7,
                        0,
                        0,
                        Ipv4Address.ANY,
                        Ipv4Address.ANY,
                        Ipv4Address.ANY,
                        Ipv4Address.ANY,
                        MAC,
                        options);

        DhcpPacket decoded = DhcpPacketCodec.decode(DhcpPacketCodec.encode(reply), 300);

        assertThat(decoded.messageType()).contains(DhcpMessageType.NAK);
        assertThat(decoded.serverId()).contains(Ipv4Address.of("10.251.0.1"));
        assertThat(decoded.leaseSeconds()).contains(3600L);
        assertThat(decoded.message()).contains("wrong network");
    }

    @Test
    void truncatedOrForeignDatagrams_areRejectedNotMisread() {
        byte[] wire =
                DhcpPacketCodec.encode(
                        new DhcpPacket(
                                DhcpPacket.BOOTREPLY,
                                0,
                                1,
                                0,
                                0,
                                Ipv4Address.ANY,
                                Ipv4Address.ANY,
                                Ipv4Address.ANY,
                                Ipv4Address.ANY,
                                MAC,
                                Map.of(DhcpPacket.OPTION_MESSAGE_TYPE, new byte[] {5})));
        assertThatThrownBy(() -> DhcpPacketCodec.decode(wire, 100))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("too short");
        byte[] noCookie = wire.clone();
        noCookie[236] = 0;
        assertThatThrownBy(() -> DhcpPacketCodec.decode(noCookie, noCookie.length))
                .hasMessageContaining("magic cookie");
        byte[] overrun = wire.clone();
        overrun[240] = 53;
        overrun[241] = (byte) 200;
        assertThatThrownBy(() -> DhcpPacketCodec.decode(overrun, 260))
                .hasMessageContaining("past the end");
    }
}
