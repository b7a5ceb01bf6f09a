package dk.npflan.dhcp.config;

import java.util.Optional;

/**
 * An IPv4 network (address + prefix length) with host bits cleared. It carries the address
 * arithmetic the model needs (netmask, broadcast, containment) so that subnets and ranges are
 * compared as numbers.
 */
public record Ipv4Network(Ipv4Address network, int length) implements Comparable<Ipv4Network> {

    public Ipv4Network {
        if (length < 0 || length > 32) {
            throw new IllegalArgumentException("prefix length out of range: " + length);
        }
        if ((network.value() & ~maskValue(length) & 0xFFFF_FFFFL) != 0) {
            throw new IllegalArgumentException("host bits set in " + network + "/" + length);
        }
    }

    /** Strict parse of {@code a.b.c.d/len}; empty if malformed or if host bits are set. */
    public static Optional<Ipv4Network> parse(String cidr) {
        int slash = cidr == null ? -1 : cidr.indexOf('/');
        int digits = slash < 0 ? 0 : cidr.length() - slash - 1;
        if (digits < 1 || digits > 2 || (digits == 2 && cidr.charAt(slash + 1) == '0')) {
            return Optional.empty();
        }
        int length = 0;
        for (int i = slash + 1; i < cidr.length(); i++) {
            char c = cidr.charAt(i);
            if (c < '0' || c > '9') {
                return Optional.empty();
            }
            length = length * 10 + (c - '0');
        }
        long address = Ipv4Address.parseValue(cidr, 0, slash);
        if (length > 32 || address < 0 || (address & ~maskValue(length) & 0xFFFF_FFFFL) != 0) {
            return Optional.empty();
        }
        return Optional.of(new Ipv4Network(new Ipv4Address(address), length));
    }

    public static Ipv4Network of(String cidr) {
        return parse(cidr)
                .orElseThrow(() -> new IllegalArgumentException("not an IPv4 network: " + cidr));
    }

    /** The network of prefix {@code length} that {@code address} lies in (host bits cleared). */
    public static Ipv4Network containing(Ipv4Address address, int length) {
        if (length < 0 || length > 32) {
            throw new IllegalArgumentException("prefix length out of range: " + length);
        }
        return new Ipv4Network(new Ipv4Address(address.value() & maskValue(length)), length);
    }

    private static long maskValue(int length) {
        return length == 0 ? 0 : (0xFFFF_FFFFL << (32 - length)) & 0xFFFF_FFFFL;
    }

    public Ipv4Address netmask() {
        return new Ipv4Address(maskValue(length));
    }

    public Ipv4Address broadcast() {
        return new Ipv4Address(network.value() | (~maskValue(length) & 0xFFFF_FFFFL));
    }

    /** The address {@code offset} steps above the network address. */
    public Ipv4Address host(long offset) {
        return network.plus(offset);
    }

    public long size() {
        return 1L << (32 - length);
    }

    public boolean contains(Ipv4Address address) {
        return address.value() >= network.value() && address.value() <= broadcast().value();
    }

    public boolean overlaps(Ipv4Network other) {
        return network.value() <= other.broadcast().value()
                && other.network.value() <= broadcast().value();
    }

    @Override
    public int compareTo(Ipv4Network other) {
        int byStart = network.compareTo(other.network);
        return byStart != 0 ? byStart : Integer.compare(length, other.length);
    }

    @Override
    public String toString() {
        return network + "/" + length;
    }
}
