package dk.npflan.dhcp.netbox;

import java.util.List;

/**
 * Reads one inventory from live NetBox: first proves the selection filter exists, then reads every
 * page of the prefixes and of the IP ranges, the two lists side by side unless the client is set to
 * one request at a time. Any failure aborts the whole snapshot.
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
        List<List<?>> lists =
                ParallelReads.all(
                        List.of(
                                () ->
                                        client.list(
                                                PREFIXES, selection.prefixFilters(), Prefix.class),
                                () ->
                                        client.list(
                                                IP_RANGES,
                                                selection.rangeFilters(),
                                                IpRange.class)),
                        client.concurrentRequests(),
                        "netbox-list");
        @SuppressWarnings("unchecked")
        List<Prefix> prefixes = (List<Prefix>) lists.get(0);
        @SuppressWarnings("unchecked")
        List<IpRange> ranges = (List<IpRange>) lists.get(1);
        return new Inventory(prefixes, ranges);
    }

    @Override
    public String describe() {
        return "NetBox " + client.baseUrl();
    }
}
