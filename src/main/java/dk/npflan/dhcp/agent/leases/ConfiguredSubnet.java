package dk.npflan.dhcp.agent.leases;

import java.util.List;

/**
 * A {@code subnet … netmask … { … }} declaration of the running dhcpd.conf with the ranges it
 * serves (from its pools and directly from the subnet), in file order.
 *
 * @param network network address as an unsigned 32-bit value
 * @param prefixLength 0–32
 */
public record ConfiguredSubnet(long network, int prefixLength, List<AddressRange> ranges) {

    public ConfiguredSubnet {
        ranges = List.copyOf(ranges);
    }

    /** The {@code subnet} label: {@code 10.0.11.0/24}. */
    public String cidr() {
        return AddressRange.dotted(network) + "/" + prefixLength;
    }

    public boolean contains(long address) {
        return address >= network && address <= broadcast();
    }

    public long broadcast() {
        return network | (0xFFFF_FFFFL >>> prefixLength);
    }
}
