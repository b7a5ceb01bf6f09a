package dk.npflan.dhcp.netbox;

import java.util.List;

/**
 * The outcome of applying a {@link PrefixSelection} to an {@link Inventory}: the prefixes to
 * render, the IP ranges that may become pools, and the selected IPv6 prefixes that are skipped (and
 * must be reported) until DHCPv6 exists.
 */
public record SelectedInventory(
        List<Prefix> prefixes, List<IpRange> ipRanges, List<Prefix> skippedIpv6) {

    public SelectedInventory {
        prefixes = List.copyOf(prefixes);
        ipRanges = List.copyOf(ipRanges);
        skippedIpv6 = List.copyOf(skippedIpv6);
    }

    /** The selected IPv4 prefixes and ranges as an inventory, for the renderer. */
    public Inventory asInventory() {
        return new Inventory(prefixes, ipRanges);
    }
}
