package dk.npflan.dhcp.agent.leases;

import dk.npflan.dhcp.omapi.BindingState;
import java.util.List;

/**
 * Address counts of one range or subnet: its size and how many addresses are in each binding state.
 * Addresses without any lease in the file count as {@code free} (never leased, or not written yet),
 * so the seven counts always add up to {@link #total()}.
 */
public final class StateCounts {

    /** The states counted, in the order the metrics list them. */
    public static final List<BindingState> STATES =
            List.of(
                    BindingState.ACTIVE,
                    BindingState.FREE,
                    BindingState.BACKUP,
                    BindingState.EXPIRED,
                    BindingState.ABANDONED,
                    BindingState.RELEASED,
                    BindingState.RESET);

    private static final int CODES = 8; // codes 1..7 are the seven states above

    private final long total;
    private final long[] byCode;

    StateCounts(long total, long[] byCode) {
        this.total = total;
        this.byCode = byCode;
    }

    /** Counts for a range from the leases found in it; the rest of the range is free. */
    static StateCounts ofRange(long size, long[] leasedByCode) {
        long[] counts = new long[CODES];
        long leased = 0;
        for (int code = 1; code < CODES; code++) {
            counts[code] = leasedByCode[code];
            leased += leasedByCode[code];
        }
        counts[BindingState.FREE.code()] += size - leased;
        return new StateCounts(size, counts);
    }

    static StateCounts sum(List<StateCounts> parts) {
        long[] counts = new long[CODES];
        long total = 0;
        for (StateCounts part : parts) {
            total += part.total;
            for (int code = 1; code < CODES; code++) {
                counts[code] += part.byCode[code];
            }
        }
        return new StateCounts(total, counts);
    }

    static long[] newLeaseTally() {
        return new long[CODES];
    }

    static boolean isCounted(byte code) {
        return code >= 1 && code < CODES;
    }

    public long total() {
        return total;
    }

    /** How many addresses are in {@code state}; 0 for states not in {@link #STATES}. */
    public long count(BindingState state) {
        int code = state.code();
        return code >= 1 && code < CODES ? byCode[code] : 0;
    }

    /** Active addresses over all addresses: 0.0 for an empty range. */
    public double utilization() {
        return total == 0 ? 0.0 : (double) byCode[BindingState.ACTIVE.code()] / total;
    }

    @Override
    public String toString() {
        StringBuilder out = new StringBuilder("total=").append(total);
        for (BindingState state : STATES) {
            out.append(' ').append(state.name().toLowerCase(java.util.Locale.ROOT)).append('=');
            out.append(count(state));
        }
        return out.toString();
    }
}
