package dk.npflan.dhcp.netbox;

import java.util.List;

/**
 * The outcome of applying a {@link PrefixSelection} to an {@link Inventory}: the prefixes to
 * render, the IP ranges that may become pools, the selected IPv6 prefixes that are skipped (and
 * must be reported) until DHCPv6 exists, and the objects host reservations are made from (IP
 * addresses with a reservation status; the model keeps those inside a selected prefix).
 */
public record SelectedInventory(
        List<Prefix> prefixes,
        List<IpRange> ipRanges,
        List<Prefix> skippedIpv6,
        HostInventory hosts) {

    public SelectedInventory {
        prefixes = List.copyOf(prefixes);
        ipRanges = List.copyOf(ipRanges);
        skippedIpv6 = List.copyOf(skippedIpv6);
        hosts = hosts == null ? HostInventory.empty() : hosts;
    }

    public SelectedInventory(
            List<Prefix> prefixes, List<IpRange> ipRanges, List<Prefix> skippedIpv6) {
        this(prefixes, ipRanges, skippedIpv6, HostInventory.empty());
    }

    /** The selected IPv4 prefixes and ranges as an inventory, for the renderer. */
    public Inventory asInventory() {
        return new Inventory(
                prefixes, ipRanges, hosts.ipAddresses(), hosts.interfaces(), hosts.macAddresses());
    }
}
