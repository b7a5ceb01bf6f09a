package dk.npflan.dhcp.probe;

import java.net.Inet4Address;

/**
 * An IPv4 subnet in CIDR form. The probe names the probe subnet with it: its network address is
 * what goes into option 118 (subnet selection), which makes dhcpd pick that subnet whatever giaddr
 * says.
 */
public record Ipv4Subnet(Inet4Address network, int prefixLength) {

    public Ipv4Subnet {
        if (prefixLength < 0 || prefixLength > 32) {
            throw new IllegalArgumentException("prefix length out of range: " + prefixLength);
        }
        int mask = mask(prefixLength);
        if ((Ipv4.toInt(network) & ~mask) != 0) {
            throw new IllegalArgumentException(
                    network.getHostAddress() + "/" + prefixLength + " has host bits set");
        }
    }

    /** Parses {@code a.b.c.d/n}; the address must be the network address. */
    public static Ipv4Subnet parse(String cidr) {
        int slash = cidr.indexOf('/');
        if (slash < 0 || !cidr.substring(slash + 1).matches("\\d{1,2}")) {
            throw new IllegalArgumentException("not a CIDR subnet: " + cidr);
        }
        return new Ipv4Subnet(
                Ipv4.parse(cidr.substring(0, slash)), Integer.parseInt(cidr.substring(slash + 1)));
    }

    public Inet4Address netmask() {
        return Ipv4.fromInt(mask(prefixLength));
    }

    public boolean contains(Inet4Address address) {
        int mask = mask(prefixLength);
        return (Ipv4.toInt(address) & mask) == Ipv4.toInt(network);
    }

    /** The address {@code offset} steps above the network address. */
    public Inet4Address host(int offset) {
        return Ipv4.fromInt(Ipv4.toInt(network) + offset);
    }

    @Override
    public String toString() {
        return network.getHostAddress() + "/" + prefixLength;
    }

    private static int mask(int prefixLength) {
        return prefixLength == 0 ? 0 : -1 << (32 - prefixLength);
    }
}
