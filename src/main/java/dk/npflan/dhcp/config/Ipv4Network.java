package dk.npflan.dhcp.config;

import java.util.Optional;

/**
 * An IPv4 network (address + prefix length) with host bits cleared. It carries the address arithmetic
 * the model needs (netmask, broadcast, containment) so that subnets and ranges are compared as numbers.
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
        if (cidr == null) {
            return Optional.empty();
        }
        int slash = cidr.indexOf('/');
        if (slash < 0 || !cidr.substring(slash + 1).matches("0|[1-9][0-9]?")) {
            return Optional.empty();
        }
        int length = Integer.parseInt(cidr.substring(slash + 1));
        Optional<Ipv4Address> address = Ipv4Address.parse(cidr.substring(0, slash));
        if (length > 32 || address.isEmpty()
                || (address.get().value() & ~maskValue(length) & 0xFFFF_FFFFL) != 0) {
            return Optional.empty();
        }
        return Optional.of(new Ipv4Network(address.get(), length));
    }

    public static Ipv4Network of(String cidr) {
        return parse(cidr).orElseThrow(() -> new IllegalArgumentException("not an IPv4 network: " + cidr));
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

    public long size() {
        return 1L << (32 - length);
    }

    public boolean contains(Ipv4Address address) {
        return address.value() >= network.value() && address.value() <= broadcast().value();
    }

    public boolean overlaps(Ipv4Network other) {
        return network.value() <= other.broadcast().value() && other.network.value() <= broadcast().value();
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
