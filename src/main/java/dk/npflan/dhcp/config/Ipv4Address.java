package dk.npflan.dhcp.config;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Optional;

/**
 * An IPv4 address as an unsigned 32-bit value. It exists so that every address that reaches
 * dhcpd.conf has been parsed strictly (four decimal octets, no leading zeros, nothing else) and is
 * printed by us, never copied from NetBox text. The DHCP probe uses it too (wire bytes and socket
 * addresses convert at its edges), so that no address is ever resolved as a host name.
 */
public record Ipv4Address(long value) implements Comparable<Ipv4Address> {

    /** 0.0.0.0: the unset address fields of a DHCP message, and never a destination. */
    public static final Ipv4Address ANY = new Ipv4Address(0);

    private static final String[] OCTETS = new String[256];

    static {
        for (int i = 0; i < OCTETS.length; i++) {
            OCTETS[i] = Integer.toString(i);
        }
    }

    public Ipv4Address {
        if (value < 0 || value > 0xFFFF_FFFFL) {
            throw new IllegalArgumentException("IPv4 address out of range: " + value);
        }
    }

    /**
     * Strict parse; empty for anything that is not exactly a plain dotted quad (no spaces, no
     * leading zeros).
     */
    public static Optional<Ipv4Address> parse(String text) {
        long value = parseValue(text, 0, text == null ? 0 : text.length());
        return value < 0 ? Optional.empty() : Optional.of(new Ipv4Address(value));
    }

    /**
     * Parses {@code text[from, to)} as a dotted quad; -1 if it is not one. Hand-written: it runs
     * per prefix and range.
     */
    static long parseValue(String text, int from, int to) {
        if (text == null || to - from < 7 || to - from > 15) {
            return -1;
        }
        long value = 0;
        int octets = 0;
        int i = from;
        while (i < to) {
            int start = i;
            int octet = 0;
            while (i < to && text.charAt(i) >= '0' && text.charAt(i) <= '9') {
                octet = octet * 10 + (text.charAt(i) - '0');
                i++;
            }
            int digits = i - start;
            if (digits == 0
                    || digits > 3
                    || octet > 255
                    || (digits > 1 && text.charAt(start) == '0')) {
                return -1;
            }
            value = (value << 8) | octet;
            octets++;
            if (i < to) {
                if (text.charAt(i) != '.' || octets == 4) {
                    return -1;
                }
                i++;
                if (i == to) {
                    return -1;
                }
            }
        }
        return octets == 4 ? value : -1;
    }

    /** Parse or throw; for values from our own settings, where a bad value is an operator error. */
    public static Ipv4Address of(String text) {
        return parse(text)
                .orElseThrow(() -> new IllegalArgumentException("not an IPv4 address: " + text));
    }

    /** The address in network byte order, as it goes on the wire (4 bytes). */
    public static Ipv4Address fromBytes(byte[] bytes) {
        if (bytes.length != 4) {
            throw new IllegalArgumentException("not an IPv4 address: " + bytes.length + " bytes");
        }
        return new Ipv4Address(
                ((bytes[0] & 0xFFL) << 24)
                        | ((bytes[1] & 0xFF) << 16)
                        | ((bytes[2] & 0xFF) << 8)
                        | (bytes[3] & 0xFF));
    }

    public static Ipv4Address fromInet(Inet4Address address) {
        return fromBytes(address.getAddress());
    }

    public byte[] toBytes() {
        int v = (int) value;
        return new byte[] {(byte) (v >>> 24), (byte) (v >>> 16), (byte) (v >>> 8), (byte) v};
    }

    /** For sockets; never resolves anything (the address is given as bytes). */
    public Inet4Address toInet() {
        try {
            return (Inet4Address) InetAddress.getByAddress(toBytes());
        } catch (UnknownHostException e) {
            throw new IllegalStateException("4 bytes are always an IPv4 address", e);
        }
    }

    public Ipv4Address plus(long offset) {
        return new Ipv4Address(value + offset);
    }

    @Override
    public int compareTo(Ipv4Address other) {
        return Long.compare(value, other.value);
    }

    /**
     * Appends the dotted quad without an intermediate string (the renderer prints millions of
     * these).
     */
    public StringBuilder appendTo(StringBuilder out) {
        int v = (int) value;
        return out.append(OCTETS[(v >>> 24) & 0xFF])
                .append('.')
                .append(OCTETS[(v >>> 16) & 0xFF])
                .append('.')
                .append(OCTETS[(v >>> 8) & 0xFF])
                .append('.')
                .append(OCTETS[v & 0xFF]);
    }

    @Override
    public String toString() {
        return appendTo(new StringBuilder(15)).toString();
    }
}
