package dk.npflan.dhcp.probe;

import dk.npflan.dhcp.config.Ipv4Address;
import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Encodes and decodes {@link DhcpPacket}s in the RFC 2131 wire format (236-byte BOOTP header, magic
 * cookie, options). Pure bytes in, records out, so every malformed reply the probe may meet can be
 * tested without a socket; a packet that cannot be read raises {@link IllegalArgumentException}.
 */
public final class DhcpPacketCodec {

    private static final int HEADER_LENGTH = 236;
    private static final int MAGIC_COOKIE = 0x63825363;
    private static final int OPTION_PAD = 0;
    private static final int OPTION_END = 255;

    /** BOOTP's minimum message size; some relays and servers drop shorter ones. */
    private static final int MIN_LENGTH = 300;

    private DhcpPacketCodec() {}

    public static byte[] encode(DhcpPacket packet) {
        int optionBytes = packet.options().values().stream().mapToInt(v -> v.length + 2).sum();
        int length = Math.max(MIN_LENGTH, HEADER_LENGTH + 4 + optionBytes + 1);
        ByteBuffer out = ByteBuffer.allocate(length);
        out.put((byte) packet.op());
        out.put((byte) 1); // htype Ethernet
        out.put((byte) 6); // hlen
        out.put((byte) packet.hops());
        out.putInt(packet.xid());
        out.putShort((short) packet.secs());
        out.putShort((short) packet.flags());
        out.put(packet.ciaddr().toBytes());
        out.put(packet.yiaddr().toBytes());
        out.put(packet.siaddr().toBytes());
        out.put(packet.giaddr().toBytes());
        out.put(packet.chaddr());
        out.position(HEADER_LENGTH); // rest of chaddr, sname and file stay zero
        out.putInt(MAGIC_COOKIE);
        for (Map.Entry<Integer, byte[]> option : packet.options().entrySet()) {
            byte[] value = option.getValue();
            if (value.length > 255) {
                throw new IllegalArgumentException(
                        "option " + option.getKey() + " longer than 255 bytes");
            }
            out.put((byte) option.getKey().intValue());
            out.put((byte) value.length);
            out.put(value);
        }
        out.put((byte) OPTION_END);
        return out.array();
    }

    public static DhcpPacket decode(byte[] data, int length) {
        if (length < HEADER_LENGTH + 4) {
            throw new IllegalArgumentException("DHCP packet too short: " + length + " bytes");
        }
        ByteBuffer in = ByteBuffer.wrap(data, 0, length);
        try {
            int op = in.get() & 0xff;
            int htype = in.get() & 0xff;
            int hlen = in.get() & 0xff;
            if (htype != 1 || hlen != 6) {
                throw new IllegalArgumentException(
                        "not an Ethernet DHCP packet (htype " + htype + ", hlen " + hlen + ")");
            }
            int hops = in.get() & 0xff;
            int xid = in.getInt();
            int secs = in.getShort() & 0xffff;
            int flags = in.getShort() & 0xffff;
            Ipv4Address ciaddr = readAddress(in);
            Ipv4Address yiaddr = readAddress(in);
            Ipv4Address siaddr = readAddress(in);
            Ipv4Address giaddr = readAddress(in);
            byte[] chaddr = new byte[6];
            in.get(chaddr);
            in.position(HEADER_LENGTH);
            if (in.getInt() != MAGIC_COOKIE) {
                throw new IllegalArgumentException("DHCP magic cookie missing");
            }
            return new DhcpPacket(
                    op,
                    hops,
                    xid,
                    secs,
                    flags,
                    ciaddr,
                    yiaddr,
                    siaddr,
                    giaddr,
                    chaddr,
                    readOptions(in));
        } catch (BufferUnderflowException e) {
            throw new IllegalArgumentException("DHCP option runs past the end of the packet", e);
        }
    }

    private static Map<Integer, byte[]> readOptions(ByteBuffer in) {
        Map<Integer, byte[]> options = new LinkedHashMap<>();
        while (in.hasRemaining()) {
            int code = in.get() & 0xff;
            if (code == OPTION_END) {
                break;
            }
            if (code == OPTION_PAD) {
                continue;
            }
            byte[] value = new byte[in.get() & 0xff];
            in.get(value);
            options.put(code, value);
        }
        return options;
    }

    private static Ipv4Address readAddress(ByteBuffer in) {
        byte[] bytes = new byte[4];
        in.get(bytes);
        return Ipv4Address.fromBytes(bytes);
    }
}
