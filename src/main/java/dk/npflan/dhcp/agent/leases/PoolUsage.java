package dk.npflan.dhcp.agent.leases;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Per subnet and per range address counts by binding state: the numbers dhcpd-pools and
 * kea-exporter report, computed from the ranges of the running config and the binding states in the
 * lease file. Pure: {@link #compute} takes values and returns a value.
 *
 * <p>Counting rules: an address is counted in the range that contains it; an address of a range
 * with no lease entry counts as {@code free}; leases outside every range are not in any pool count
 * but are reported in {@link #leasesOutsideRanges}. A subnet's counts are the sums over its ranges.
 * Ranges do not overlap in a valid config (our validation rejects it); if they do, a lease is
 * looked up only in the range with the highest first address at or below it.
 *
 * @param layout the pools counted
 * @param subnets one entry per subnet of the layout, in order
 * @param leases distinct addresses in the lease table
 * @param leasesOutsideRanges of those, addresses in no range of the layout
 */
public record PoolUsage(
        PoolLayout layout, List<SubnetUsage> subnets, long leases, long leasesOutsideRanges) {

    public static final PoolUsage EMPTY = compute(PoolLayout.EMPTY, new LeaseTable(1));

    /** One range's counts. */
    public record RangeUsage(ConfiguredSubnet subnet, AddressRange range, StateCounts counts) {}

    /** One subnet's counts (summed over its ranges) and its ranges'. */
    public record SubnetUsage(
            ConfiguredSubnet subnet, StateCounts counts, List<RangeUsage> ranges) {}

    public PoolUsage {
        subnets = List.copyOf(subnets);
    }

    public static PoolUsage compute(PoolLayout layout, LeaseTable table) {
        List<AddressRange> all = new ArrayList<>();
        for (ConfiguredSubnet subnet : layout.subnets()) {
            all.addAll(subnet.ranges());
        }
        int n = all.size();
        Integer[] order = new Integer[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        Arrays.sort(order, (a, b) -> Long.compare(all.get(a).first(), all.get(b).first()));
        long[] firsts = new long[n];
        long[] lasts = new long[n];
        int[] index = new int[n];
        for (int i = 0; i < n; i++) {
            AddressRange range = all.get(order[i]);
            firsts[i] = range.first();
            lasts[i] = range.last();
            index[i] = order[i];
        }
        long[][] tallies = new long[n][];
        for (int i = 0; i < n; i++) {
            tallies[i] = StateCounts.newLeaseTally();
        }
        long[] outside = new long[1];
        table.forEach(
                (address, code) -> {
                    long value = Integer.toUnsignedLong(address);
                    int at = Arrays.binarySearch(firsts, value);
                    if (at < 0) {
                        at = -at - 2; // the last range starting below the address
                    }
                    if (at >= 0 && value <= lasts[at] && StateCounts.isCounted(code)) {
                        tallies[index[at]][code]++;
                    } else {
                        outside[0]++;
                    }
                });
        List<SubnetUsage> subnets = new ArrayList<>(layout.subnets().size());
        int next = 0;
        for (ConfiguredSubnet subnet : layout.subnets()) {
            List<RangeUsage> ranges = new ArrayList<>(subnet.ranges().size());
            List<StateCounts> parts = new ArrayList<>(subnet.ranges().size());
            for (AddressRange range : subnet.ranges()) {
                StateCounts counts = StateCounts.ofRange(range.size(), tallies[next++]);
                ranges.add(new RangeUsage(subnet, range, counts));
                parts.add(counts);
            }
            subnets.add(new SubnetUsage(subnet, StateCounts.sum(parts), ranges));
        }
        return new PoolUsage(layout, subnets, table.size(), outside[0]);
    }
}
