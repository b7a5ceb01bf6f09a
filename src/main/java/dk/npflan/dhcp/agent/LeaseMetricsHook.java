package dk.npflan.dhcp.agent;

import dk.npflan.dhcp.agent.leases.PoolLayoutParser;
import dk.npflan.dhcp.agent.leases.PoolUsageMetrics;
import dk.npflan.dhcp.agent.leases.PoolUsageMonitor;
import dk.npflan.dhcp.config.RenderedConfig;
import java.nio.file.Path;
import java.time.Clock;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Joins the lease-file pool metrics ({@code dk.npflan.dhcp.agent.leases}) to the agent: the pools
 * counted are those of the bundle dhcpd was last started with, the lease file is polled on a timer
 * (a scrape only reads the last counts, so it never parses a multi-megabyte file), and the meters
 * go into the agent's registry.
 */
public final class LeaseMetricsHook implements AutoCloseable {

    private final PoolUsageMonitor monitor;
    private final ScheduledExecutorService timer =
            Executors.newSingleThreadScheduledExecutor(
                    r -> {
                        Thread t = new Thread(r, "agent-lease-metrics");
                        t.setDaemon(true);
                        return t;
                    });

    private LeaseMetricsHook(PoolUsageMonitor monitor) {
        this.monitor = monitor;
    }

    /** Binds the meters and starts polling {@code leaseFile} every {@code refresh}. */
    static LeaseMetricsHook start(
            Path leaseFile,
            AgentSettings.LeaseMetrics settings,
            AgentMetrics metrics,
            Clock clock) {
        LeaseMetricsHook hook = new LeaseMetricsHook(new PoolUsageMonitor(leaseFile, clock));
        metrics.bind(new PoolUsageMetrics(hook.monitor, settings.detail()));
        long period = Math.max(1, settings.refresh().toMillis());
        hook.timer.scheduleWithFixedDelay(
                hook.monitor::refresh, period, period, TimeUnit.MILLISECONDS);
        return hook;
    }

    /** dhcpd was started with {@code bundle}: count its pools from the next refresh on. */
    void runs(RenderedConfig bundle) {
        timer.execute(
                () -> {
                    monitor.useLayout(PoolLayoutParser.parse(bundle.config()));
                    monitor.refresh();
                });
    }

    @Override
    public void close() {
        timer.shutdownNow();
    }
}
