package dk.npflan.dhcp.netbox;

import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;

/**
 * Reads one inventory from live NetBox: first proves the selection filter exists, then reads every
 * page of the prefixes, the IP ranges and (for host reservations) the IP addresses with a
 * reservation status, the lists side by side unless the client is set to one request at a time;
 * then the device interfaces those addresses are assigned to, by id in batches of 250, for their
 * MAC. Any failure aborts the whole snapshot.
 */
public final class NetBoxInventorySource implements InventorySource {

    public static final String PREFIXES = "/api/ipam/prefixes/";
    public static final String IP_RANGES = "/api/ipam/ip-ranges/";
    public static final String IP_ADDRESSES = "/api/ipam/ip-addresses/";
    public static final String INTERFACES = "/api/dcim/interfaces/";

    /**
     * Interface ids per request: about 3 KB of query string for 7-digit ids, inside gunicorn's
     * default 4094-byte request line.
     */
    static final int INTERFACE_BATCH = 250;

    private final NetBoxClient client;
    private final PrefixSelection selection;

    public NetBoxInventorySource(NetBoxClient client, PrefixSelection selection) {
        this.client = client;
        this.selection = selection;
    }

    @Override
    public Inventory load() throws InventoryException {
        new SelectionFilterChecker(client).check(selection);
        List<ParallelReads.Read<List<?>>> reads = new ArrayList<>(3);
        reads.add(() -> client.list(PREFIXES, selection.prefixFilters(), Prefix.class));
        reads.add(() -> client.list(IP_RANGES, selection.rangeFilters(), IpRange.class));
        if (selection.reservations()) {
            reads.add(() -> client.list(IP_ADDRESSES, selection.addressFilters(), IpAddress.class));
        }
        List<List<?>> lists = ParallelReads.all(reads, client.concurrentRequests(), "netbox-list");
        @SuppressWarnings("unchecked")
        List<Prefix> prefixes = (List<Prefix>) lists.get(0);
        @SuppressWarnings("unchecked")
        List<IpRange> ranges = (List<IpRange>) lists.get(1);
        @SuppressWarnings("unchecked")
        List<IpAddress> addresses =
                selection.reservations() ? (List<IpAddress>) lists.get(2) : List.of();
        return new Inventory(prefixes, ranges, addresses, interfaces(addresses), List.of());
    }

    /** The device interfaces the addresses are assigned to, read by id, batches in parallel. */
    private List<Interface> interfaces(List<IpAddress> addresses) throws InventoryException {
        TreeSet<Long> ids = new TreeSet<>();
        for (IpAddress address : addresses) {
            address.deviceInterfaceId().ifPresent(ids::add);
        }
        List<ParallelReads.Read<List<Interface>>> batches = new ArrayList<>();
        List<QueryParameter> batch = new ArrayList<>(INTERFACE_BATCH);
        for (long id : ids) {
            batch.add(new QueryParameter("id", String.valueOf(id)));
            if (batch.size() == INTERFACE_BATCH || id == ids.last()) {
                List<QueryParameter> filters = List.copyOf(batch);
                batches.add(() -> client.list(INTERFACES, filters, Interface.class));
                batch.clear();
            }
        }
        List<Interface> interfaces = new ArrayList<>(ids.size());
        for (List<Interface> read :
                ParallelReads.all(batches, client.concurrentRequests(), "netbox-interfaces")) {
            interfaces.addAll(read);
        }
        return interfaces;
    }

    @Override
    public String describe() {
        return "NetBox " + client.baseUrl();
    }
}
