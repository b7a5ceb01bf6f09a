package dk.npflan.dhcp.probe;

import dk.npflan.dhcp.config.Ipv4Address;
import java.nio.ByteBuffer;

/**
 * Wraps a UDP payload in UDP and IPv4 headers, for the packet-socket path where no kernel stack
 * builds them. The IPv4 header checksum must be right (a wrong one makes dhcpd drop the frame
 * silently); the UDP checksum is left 0, which IPv4 defines as "not computed" and dhcpd accepts.
 */
final class Ipv4UdpPacket {

    static final int IPV4_HEADER_LENGTH = 20;
    static final int UDP_HEADER_LENGTH = 8;
    private static final int PROTOCOL_UDP = 17;
    private static final int TTL = 64;

    private Ipv4UdpPacket() {}

    static byte[] encode(
            Ipv4Address source,
            Ipv4Address destination,
            int sourcePort,
            int destinationPort,
            byte[] payload) {
        int udpLength = UDP_HEADER_LENGTH + payload.length;
        int totalLength = IPV4_HEADER_LENGTH + udpLength;
        if (totalLength > 0xFFFF) {
            throw new IllegalArgumentException("payload too long: " + payload.length + " bytes");
        }
        ByteBuffer out = ByteBuffer.allocate(totalLength);
        out.put((byte) 0x45); // version 4, header length 5 words
        out.put((byte) 0); // DSCP/ECN
        out.putShort((short) totalLength);
        out.putShort((short) 0); // identification
        out.putShort((short) 0); // flags, fragment offset
        out.put((byte) TTL);
        out.put((byte) PROTOCOL_UDP);
        out.putShort((short) 0); // checksum, filled in below
        out.put(source.toBytes());
        out.put(destination.toBytes());
        out.putShort((short) sourcePort);
        out.putShort((short) destinationPort);
        out.putShort((short) udpLength);
        out.putShort((short) 0); // UDP checksum: not computed
        out.put(payload);
        byte[] packet = out.array();
        int checksum = checksum(packet, 0, IPV4_HEADER_LENGTH);
        packet[10] = (byte) (checksum >>> 8);
        packet[11] = (byte) checksum;
        return packet;
    }

    /** The Internet checksum (RFC 1071) over {@code length} bytes from {@code offset}. */
    static int checksum(byte[] data, int offset, int length) {
        long sum = 0;
        for (int i = 0; i + 1 < length; i += 2) {
            sum += ((data[offset + i] & 0xFF) << 8) | (data[offset + i + 1] & 0xFF);
        }
        if ((length & 1) != 0) {
            sum += (data[offset + length - 1] & 0xFF) << 8;
        }
        while ((sum >>> 16) != 0) {
            sum = (sum & 0xFFFF) + (sum >>> 16);
        }
        return (int) (~sum & 0xFFFF);
    }
}
