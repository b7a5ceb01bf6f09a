package dk.npflan.dhcp.probe;

import dk.npflan.dhcp.config.Ipv4Address;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * One BOOTP/DHCP message (RFC 2131) as plain values. It exists so that the probe's protocol logic
 * can be written and tested on records, with {@link DhcpPacketCodec} as the only place that knows
 * the wire layout. Options are kept in insertion order, keyed by option code, without the pad/end
 * markers.
 */
public record DhcpPacket(
        int op,
        int hops,
        int xid,
        int secs,
        int flags,
        Ipv4Address ciaddr,
        Ipv4Address yiaddr,
        Ipv4Address siaddr,
        Ipv4Address giaddr,
        byte[] chaddr,
        Map<Integer, byte[]> options) {

    public static final int BOOTREQUEST = 1;
    public static final int BOOTREPLY = 2;
    public static final int OPTION_REQUESTED_ADDRESS = 50;
    public static final int OPTION_LEASE_TIME = 51;
    public static final int OPTION_MESSAGE_TYPE = 53;
    public static final int OPTION_SERVER_ID = 54;
    public static final int OPTION_PARAMETER_LIST = 55;
    public static final int OPTION_MESSAGE = 56;
    public static final int OPTION_SUBNET_SELECTION = 118;

    public DhcpPacket {
        if (chaddr.length != 6) {
            throw new IllegalArgumentException("chaddr must be a 6-byte Ethernet address");
        }
        chaddr = chaddr.clone();
        options = Collections.unmodifiableMap(new LinkedHashMap<>(options));
    }

    @Override
    public byte[] chaddr() {
        return chaddr.clone();
    }

    /** The DHCP message type (option 53), if present and known. */
    public Optional<DhcpMessageType> messageType() {
        byte[] value = options.get(OPTION_MESSAGE_TYPE);
        if (value == null || value.length != 1) {
            return Optional.empty();
        }
        return DhcpMessageType.fromCode(value[0] & 0xff);
    }

    /** The server identifier (option 54), if present and well-formed. */
    public Optional<Ipv4Address> serverId() {
        return addressOption(OPTION_SERVER_ID);
    }

    /** Lease time in seconds (option 51), if present and well-formed. */
    public Optional<Long> leaseSeconds() {
        byte[] value = options.get(OPTION_LEASE_TIME);
        if (value == null || value.length != 4) {
            return Optional.empty();
        }
        return Optional.of(
                ((value[0] & 0xffL) << 24)
                        | ((value[1] & 0xff) << 16)
                        | ((value[2] & 0xff) << 8)
                        | (value[3] & 0xff));
    }

    /** The server's message text (option 56), e.g. the reason of a NAK. */
    public Optional<String> message() {
        byte[] value = options.get(OPTION_MESSAGE);
        return value == null
                ? Optional.empty()
                : Optional.of(new String(value, java.nio.charset.StandardCharsets.US_ASCII));
    }

    private Optional<Ipv4Address> addressOption(int code) {
        byte[] value = options.get(code);
        if (value == null || value.length != 4) {
            return Optional.empty();
        }
        return Optional.of(Ipv4Address.fromBytes(value));
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof DhcpPacket that
                && op == that.op
                && hops == that.hops
                && xid == that.xid
                && secs == that.secs
                && flags == that.flags
                && ciaddr.equals(that.ciaddr)
                && yiaddr.equals(that.yiaddr)
                && siaddr.equals(that.siaddr)
                && giaddr.equals(that.giaddr)
                && Arrays.equals(chaddr, that.chaddr)
                && sameOptions(options, that.options);
    }

    private static boolean sameOptions(Map<Integer, byte[]> a, Map<Integer, byte[]> b) {
        return a.keySet().equals(b.keySet())
                && a.entrySet().stream()
                        .allMatch(e -> Arrays.equals(e.getValue(), b.get(e.getKey())));
    }

    @Override
    public int hashCode() {
        return Integer.hashCode(xid) * 31 + Arrays.hashCode(chaddr);
    }
}
