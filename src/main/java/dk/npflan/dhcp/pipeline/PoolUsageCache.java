package dk.npflan.dhcp.pipeline;

import dk.npflan.dhcp.rollout.SubnetUtilization;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicBoolean;
import org.jboss.logging.Logger;

/**
 * The agents' pool counts for the status page, read in the background: a page view takes the last
 * reading at once and, when that is older than {@link #MAX_AGE}, starts one new read on another
 * thread (never two at a time). So a slow or dead agent makes the pools "unknown" or stale, never
 * the page slow. Only the last reading is kept, one list per peer (bounded by the running config).
 */
@ApplicationScoped
public class PoolUsageCache {

    private static final Logger LOG = Logger.getLogger(PoolUsageCache.class);

    /** How old a reading may be before a page view asks the agents again. */
    static final Duration MAX_AGE = Duration.ofSeconds(10);

    /** One reading of both peers, and when it was taken. */
    public record Reading(Instant at, List<PeerPoolUsage> peers) {
        public Reading {
            peers = List.copyOf(peers);
        }
    }

    private final ConfigRollout rollout;
    private final Executor executor;
    private final Clock clock;
    private final AtomicBoolean reading = new AtomicBoolean();
    private volatile Reading last;

    @Inject
    public PoolUsageCache(ConfigRollout rollout) {
        this(rollout, PoolUsageCache::daemon, Clock.systemUTC());
    }

    PoolUsageCache(ConfigRollout rollout, Executor executor, Clock clock) {
        this.rollout = rollout;
        this.executor = executor;
        this.clock = clock;
    }

    /** The last reading (empty before the first one finished); starts a new one when stale. */
    public Optional<Reading> current() {
        Reading now = last;
        if ((now == null || now.at().plus(MAX_AGE).isBefore(clock.instant()))
                && reading.compareAndSet(false, true)) {
            try {
                executor.execute(this::read);
            } catch (RuntimeException e) {
                reading.set(false);
                LOG.debugf("pool usage: could not start a read: %s", e.toString());
            }
        }
        return Optional.ofNullable(last);
    }

    private void read() {
        try {
            last = new Reading(clock.instant(), rollout.poolUsage());
        } catch (RuntimeException e) {
            LOG.warnf("pool usage: the agents could not be asked: %s", e.toString());
        } finally {
            reading.set(false);
        }
    }

    /**
     * One row per subnet, fullest first: the highest utilization either peer reports (in a failover
     * pair both count every lease, so they agree unless one is behind).
     */
    static List<SubnetUtilization> bySubnet(Reading reading) {
        Map<String, SubnetUtilization> fullest = new LinkedHashMap<>();
        for (PeerPoolUsage peer : reading.peers()) {
            for (SubnetUtilization s : peer.subnets()) {
                fullest.merge(s.subnet(), s, (a, b) -> b.utilization() > a.utilization() ? b : a);
            }
        }
        List<SubnetUtilization> rows = new ArrayList<>(fullest.values());
        rows.sort(
                Comparator.comparingDouble(SubnetUtilization::utilization)
                        .reversed()
                        .thenComparing(SubnetUtilization::subnet));
        return rows;
    }

    private static void daemon(Runnable task) {
        Thread thread = new Thread(task, "netbox-dhcpd-pool-usage");
        thread.setDaemon(true);
        thread.start();
    }
}
