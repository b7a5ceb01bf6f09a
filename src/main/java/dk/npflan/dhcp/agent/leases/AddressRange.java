package dk.npflan.dhcp.agent.leases;

import dk.npflan.dhcp.config.Ipv4Address;

/**
 * One {@code range} statement of the running dhcpd.conf: the addresses dhcpd may hand out
 * dynamically.
 *
 * @param first lowest address, as an unsigned 32-bit value
 * @param last highest address (inclusive)
 * @param inPool whether it was written inside a {@code pool { … }} block (else directly in the
 *     subnet)
 */
public record AddressRange(long first, long last, boolean inPool) {

    public AddressRange {
        if (first < 0 || last > 0xFFFF_FFFFL || first > last) {
            throw new IllegalArgumentException("bad range " + first + "-" + last);
        }
    }

    public long size() {
        return last - first + 1;
    }

    public boolean contains(long address) {
        return address >= first && address <= last;
    }

    /** The {@code range} label: {@code 10.0.11.4-10.0.11.250}. */
    public String label() {
        return dotted(first) + "-" + dotted(last);
    }

    static String dotted(long address) {
        return new Ipv4Address(address).toString();
    }
}
