package dk.npflan.dhcp.agent.leases;

/**
 * Counters of the lease-file reader as of one refresh, copied so that metric reads on other threads
 * never see the reader mid-poll.
 *
 * @param fileBytes size of the lease file at the last poll (0 when missing)
 * @param skipped blocks skipped since start, indexed by {@link LeaseSkipReason#ordinal()}
 * @param rewrites how many times the file was found rewritten by dhcpd
 * @param readErrors polls that failed with an I/O error
 */
public record LeaseFileStats(long fileBytes, long[] skipped, long rewrites, long readErrors) {

    public static final LeaseFileStats NONE =
            new LeaseFileStats(0, new long[LeaseSkipReason.values().length], 0, 0);

    public LeaseFileStats {
        skipped = skipped.clone();
    }

    @Override
    public long[] skipped() {
        return skipped.clone();
    }

    public long skipped(LeaseSkipReason reason) {
        return skipped[reason.ordinal()];
    }

    public long skippedTotal() {
        long sum = 0;
        for (long count : skipped) {
            sum += count;
        }
        return sum;
    }
}
