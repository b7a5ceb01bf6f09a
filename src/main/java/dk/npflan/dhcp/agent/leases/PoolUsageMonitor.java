package dk.npflan.dhcp.agent.leases;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import org.jboss.logging.Logger;

/**
 * Keeps the pool counts of one dhcpd current: on each {@link #refresh()} it polls the lease file
 * (reading only what was appended) and recomputes {@link PoolUsage} when the leases or the pools
 * changed. Metric reads then only look at the last result ({@link #usage()}), so a scrape never
 * parses anything. The agent calls {@link #useLayout} with the pools of the config it started dhcpd
 * with, and {@link #refresh()} on a timer (or {@link #refreshIfOlderThan} before a scrape).
 * Thread-safe: refreshes are serialised, reads are lock-free.
 */
public final class PoolUsageMonitor {

    private static final Logger LOG = Logger.getLogger(PoolUsageMonitor.class);

    private final LeaseFileReader reader;
    private final Clock clock;
    private final List<Consumer<PoolUsage>> listeners = new CopyOnWriteArrayList<>();
    private PoolLayout layout = PoolLayout.EMPTY;
    private boolean layoutChanged = true;
    private long readErrors;
    private volatile PoolUsage usage = PoolUsage.EMPTY;
    private volatile LeaseFileStats stats = LeaseFileStats.NONE;
    private volatile Instant refreshedAt;

    public PoolUsageMonitor(Path leaseFile, Clock clock) {
        this(new LeaseFileReader(leaseFile), clock);
    }

    public PoolUsageMonitor(LeaseFileReader reader, Clock clock) {
        this.reader = reader;
        this.clock = clock;
    }

    /**
     * Counts over {@code layout} from the next refresh on (the pools of the running config). A
     * layout equal to the current one changes nothing (a dhcpd restart with the same config keeps
     * its series).
     */
    public synchronized void useLayout(PoolLayout layout) {
        if (layout.equals(this.layout)) {
            return;
        }
        if (layout.problemCount() > 0) {
            LOG.warnf(
                    "dhcpd.conf pools: %d statement(s) not counted, first: %s",
                    layout.problemCount(), layout.problems());
        }
        this.layout = layout;
        layoutChanged = true;
    }

    /** Polls the lease file and recomputes the counts if anything changed; never throws. */
    public synchronized PoolUsage refresh() {
        boolean leasesChanged;
        try {
            LeasePoll poll = reader.poll();
            leasesChanged = poll.kind() != LeasePoll.Kind.UNCHANGED;
        } catch (IOException e) {
            readErrors++;
            LOG.warnf("cannot read lease file: %s", e.toString());
            leasesChanged = false;
        }
        stats =
                new LeaseFileStats(
                        reader.fileBytes(), skippedCounts(), reader.rewrites(), readErrors);
        if (leasesChanged || layoutChanged) {
            usage = PoolUsage.compute(layout, reader.table());
            layoutChanged = false;
        }
        refreshedAt = clock.instant();
        PoolUsage current = usage;
        listeners.forEach(listener -> listener.accept(current));
        return current;
    }

    /** {@link #refresh()} unless the last refresh is younger than {@code maxAge}. */
    public PoolUsage refreshIfOlderThan(Duration maxAge) {
        Instant last = refreshedAt;
        if (last != null && !clock.instant().isAfter(last.plus(maxAge))) {
            return usage;
        }
        return refresh();
    }

    /** The counts of the last refresh ({@link PoolUsage#EMPTY} before the first). */
    public PoolUsage usage() {
        return usage;
    }

    public LeaseFileStats stats() {
        return stats;
    }

    public Optional<Instant> refreshedAt() {
        return Optional.ofNullable(refreshedAt);
    }

    /** Called after every refresh with its result (the metrics binder follows layout changes). */
    public void addListener(Consumer<PoolUsage> listener) {
        listeners.add(listener);
    }

    private long[] skippedCounts() {
        LeaseSkipReason[] reasons = LeaseSkipReason.values();
        long[] counts = new long[reasons.length];
        for (LeaseSkipReason reason : reasons) {
            counts[reason.ordinal()] = reader.skipped(reason);
        }
        return counts;
    }
}
