package dk.npflan.dhcp.config;

import java.util.Optional;

/**
 * An IPv4 address as an unsigned 32-bit value. It exists so that every address that reaches
 * dhcpd.conf has been parsed strictly (four decimal octets, no leading zeros, nothing else) and is
 * printed by us, never copied from NetBox text.
 */
public record Ipv4Address(long value) implements Comparable<Ipv4Address> {

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
