package dk.npflan.dhcp.config;

import java.util.Optional;
import java.util.regex.Pattern;

/**
 * An IPv4 address as an unsigned 32-bit value. It exists so that every address that reaches dhcpd.conf
 * has been parsed strictly (four decimal octets, no leading zeros, nothing else) and is printed by us,
 * never copied from NetBox text.
 */
public record Ipv4Address(long value) implements Comparable<Ipv4Address> {

    private static final Pattern DOTTED_QUAD =
            Pattern.compile("(0|[1-9][0-9]{0,2})\\.(0|[1-9][0-9]{0,2})\\.(0|[1-9][0-9]{0,2})\\.(0|[1-9][0-9]{0,2})");

    public Ipv4Address {
        if (value < 0 || value > 0xFFFF_FFFFL) {
            throw new IllegalArgumentException("IPv4 address out of range: " + value);
        }
    }

    /** Strict parse; empty for anything that is not exactly a plain dotted quad (no spaces either). */
    public static Optional<Ipv4Address> parse(String text) {
        if (text == null) {
            return Optional.empty();
        }
        if (!DOTTED_QUAD.matcher(text).matches()) {
            return Optional.empty();
        }
        long value = 0;
        for (String octet : text.split("\\.")) {
            int o = Integer.parseInt(octet);
            if (o > 255) {
                return Optional.empty();
            }
            value = (value << 8) | o;
        }
        return Optional.of(new Ipv4Address(value));
    }

    /** Parse or throw; for values from our own settings, where a bad value is an operator error. */
    public static Ipv4Address of(String text) {
        return parse(text).orElseThrow(() -> new IllegalArgumentException("not an IPv4 address: " + text));
    }

    public Ipv4Address plus(long offset) {
        return new Ipv4Address(value + offset);
    }

    @Override
    public int compareTo(Ipv4Address other) {
        return Long.compare(value, other.value);
    }

    @Override
    public String toString() {
        return ((value >> 24) & 0xFF) + "." + ((value >> 16) & 0xFF) + "." + ((value >> 8) & 0xFF) + "." + (value & 0xFF);
    }
}
