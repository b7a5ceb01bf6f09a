package dk.npflan.dhcp.probe;

import static org.assertj.core.api.Assertions.assertThat;

import dk.npflan.dhcp.config.Ipv4Address;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class Ipv4UdpPacketTest {

    @Test
    void rfc1071Example_checksumMatchesTheKnownValue() {
        // the IPv4 header from Wikipedia's "IPv4 header checksum" example, checksum zeroed
        byte[] header = {
            0x45,
            0x00,
            0x00,
            0x73,
            0x00,
            0x00,
            0x40,
            0x00,
            0x40,
            0x11,
            0x00,
            0x00,
            (byte) 0xc0,
            (byte) 0xa8,
            0x00,
            0x01,
            (byte) 0xc0,
            (byte) 0xa8,
            0x00,
            (byte) 0xc7
        };

        assertThat(Ipv4UdpPacket.checksum(header, 0, header.length)).isEqualTo(0xb861);
    }

    @Test
    void encodedPacket_hasValidHeaderChecksumPortsLengthsAndZeroUdpChecksum() {
        byte[] payload = new byte[300];
        Arrays.fill(payload, (byte) 7);

        byte[] packet =
                Ipv4UdpPacket.encode(
                        Ipv4Address.of("198.18.90.1"),
                        Ipv4Address.of("198.18.90.1"),
                        68,
                        67,
                        payload);

        ByteBuffer in = ByteBuffer.wrap(packet);
        assertThat(packet).hasSize(328);
        assertThat(in.get(0)).isEqualTo((byte) 0x45);
        assertThat(in.getShort(2) & 0xFFFF).isEqualTo(328);
        assertThat(in.get(9)).as("protocol UDP").isEqualTo((byte) 17);
        assertThat(Ipv4UdpPacket.checksum(packet, 0, 20))
                .as("a header with its checksum sums to zero")
                .isZero();
        assertThat(Arrays.copyOfRange(packet, 12, 16))
                .isEqualTo(Ipv4Address.of("198.18.90.1").toBytes());
        assertThat(in.getShort(20) & 0xFFFF).isEqualTo(68);
        assertThat(in.getShort(22) & 0xFFFF).isEqualTo(67);
        assertThat(in.getShort(24) & 0xFFFF).isEqualTo(308);
        assertThat(in.getShort(26)).as("UDP checksum not computed").isZero();
        assertThat(Arrays.copyOfRange(packet, 28, 328)).isEqualTo(payload);
    }

    @Test
    void sockaddrLl_hasProtocolInNetworkOrderAndFamilyAndIndexInHostOrder() {
        byte[] mac = {2, 0x4e, 1, 2, 3, 4};

        byte[] address = PacketSocket.address(7, mac);

        ByteBuffer in = ByteBuffer.wrap(address).order(ByteOrder.nativeOrder());
        assertThat(address).hasSize(20);
        assertThat(in.getShort(0)).as("sll_family").isEqualTo((short) 17);
        assertThat(new byte[] {address[2], address[3]})
                .as("sll_protocol = htons(ETH_P_IP)")
                .containsExactly(0x08, 0x00);
        assertThat(in.getInt(4)).as("sll_ifindex").isEqualTo(7);
        assertThat(address[11]).as("sll_halen").isEqualTo((byte) 6);
        assertThat(Arrays.copyOfRange(address, 12, 20)).containsExactly(2, 0x4e, 1, 2, 3, 4, 0, 0);
    }
}
