package dk.npflan.dhcp.netbox;

import java.util.List;

/**
 * Reads one inventory from live NetBox: first proves the selection filter exists, then reads every
 * page of the prefixes and the IP ranges. Any failure aborts the whole snapshot.
 */
public final class NetBoxInventorySource implements InventorySource {

    public static final String PREFIXES = "/api/ipam/prefixes/";
    public static final String IP_RANGES = "/api/ipam/ip-ranges/";

    private final NetBoxClient client;
    private final PrefixSelection selection;

    public NetBoxInventorySource(NetBoxClient client, PrefixSelection selection) {
        this.client = client;
        this.selection = selection;
    }

    @Override
    public Inventory load() throws InventoryException {
        new SelectionFilterChecker(client).check(selection);
        List<Prefix> prefixes = client.list(PREFIXES, selection.prefixFilters(), Prefix.class);
        List<IpRange> ranges = client.list(IP_RANGES, selection.rangeFilters(), IpRange.class);
        return new Inventory(prefixes, ranges);
    }

    @Override
    public String describe() {
        return "NetBox " + client.baseUrl();
    }
}
