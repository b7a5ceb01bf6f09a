package dk.npflan.dhcp.agent;

import dk.npflan.dhcp.omapi.FailoverStatus;
import dk.npflan.dhcp.probe.ProbeOutcome;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.binder.MeterBinder;
import io.micrometer.prometheus.PrometheusConfig;
import io.micrometer.prometheus.PrometheusMeterRegistry;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.function.ToDoubleFunction;

/**
 * The agent's {@code /metrics}: Micrometer meters in a {@link PrometheusMeterRegistry} (never a
 * hand-written exposition format). Gauges read the watchdog, the failover reader and the last probe
 * at scrape time. Their sources are held strongly (Micrometer holds them weakly by default, and
 * these suppliers are lambdas nobody else keeps: they read NaN after the first GC). Names follow
 * Prometheus conventions: units in the name, {@code _total} only on counters. Further binders (the
 * lease-file pool metrics) are added through {@link #bind}.
 */
public final class AgentMetrics {

    /** Buckets of the probe latency histogram: a warm exchange is ~1 ms, the timeout 2 s. */
    private static final Duration[] PROBE_BUCKETS = {
        Duration.ofMillis(1),
        Duration.ofMillis(2),
        Duration.ofMillis(5),
        Duration.ofMillis(10),
        Duration.ofMillis(25),
        Duration.ofMillis(50),
        Duration.ofMillis(100),
        Duration.ofMillis(250),
        Duration.ofMillis(500),
        Duration.ofSeconds(1),
        Duration.ofSeconds(2),
        Duration.ofSeconds(5)
    };

    private final PrometheusMeterRegistry registry =
            new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);

    /** Held here because function counters keep their source only weakly. */
    private final Supplier<WatchdogStatus> watchdog;

    private final AtomicReference<Double> lastReady = new AtomicReference<>(Double.NaN);

    /**
     * @param watchdog supervision state
     * @param failover the local failover state (read at scrape time, reused briefly)
     * @param configMatches whether the mounted bundle hashes to the running one
     */
    public AgentMetrics(
            Supplier<WatchdogStatus> watchdog,
            Supplier<FailoverReading> failover,
            String peerName,
            Supplier<Boolean> configMatches) {
        this.watchdog = watchdog;
        gauge(
                "dhcpd.up",
                "1 while the supervised dhcpd process is alive",
                watchdog,
                s -> s.running() ? 1 : 0);
        gauge(
                "dhcpd.uptime.seconds",
                "Seconds since the running dhcpd was started",
                watchdog,
                s -> s.running() ? s.dhcpd().uptime().toMillis() / 1000.0 : 0);
        gauge(
                "dhcpd.crash.loop",
                "1 while dhcpd exits again and again (crash-loop threshold reached)",
                watchdog,
                s -> s.crashLoop() ? 1 : 0);
        gauge(
                "dhcpd.restart.backoff.seconds",
                "Delay the agent waits before restarting dhcpd after its last exit; 0 while it runs"
                        + " stably",
                watchdog,
                s -> s.backoff().toMillis() / 1000.0);
        counter(
                "automatic",
                "dhcpd restarts by the agent, by reason (automatic: it died; requested: POST"
                        + " /restart)",
                watchdog,
                WatchdogStatus::automaticRestarts);
        counter(
                "requested",
                "dhcpd restarts by the agent, by reason (automatic: it died; requested: POST"
                        + " /restart)",
                watchdog,
                WatchdogStatus::requestedRestarts);
        FunctionCounter.builder("dhcpd.crash.loops", watchdog, s -> s.get().crashLoops())
                .description("Crash loops of dhcpd that began (threshold reached)")
                .register(registry);
        for (String side : List.of("local", "partner")) {
            Function<FailoverStatus, Integer> code =
                    side.equals("local") ? s -> s.local().code() : s -> s.partner().code();
            Gauge.builder(
                            "dhcpd.failover.state",
                            failover,
                            f ->
                                    f.get()
                                            .status()
                                            .map(s -> (double) code.apply(s))
                                            .orElse(Double.NaN))
                    .description(
                            "Failover state code as OMAPI reports it (1 startup, 2 normal, 3"
                                    + " communications-interrupted, 4 partner-down, 6 recover, 254"
                                    + " recover-wait, …); NaN when OMAPI cannot be read")
                    .tag("side", side)
                    .tag("failover_peer", peerName)
                    .strongReference(true)
                    .register(registry);
        }
        Gauge.builder("dhcpd.ready", lastReady, AtomicReference::get)
                .description(
                        "1 when the last readiness probe got a DHCPACK, 0 when not, NaN before the"
                                + " first")
                .strongReference(true)
                .register(registry);
        Gauge.builder("dhcpd.config.mounted.matches.running", configMatches, m -> m.get() ? 1 : 0)
                .description("1 when the mounted config bundle hashes to the one dhcpd runs")
                .strongReference(true)
                .register(registry);
    }

    /** Records one probe exchange in the latency histogram. */
    public void recordProbe(ProbeOutcome outcome) {
        lastReady.set(outcome instanceof ProbeOutcome.Ready ? 1.0 : 0.0);
        String result =
                outcome instanceof ProbeOutcome.NotReady notReady
                        ? notReady.failure().name()
                        : "ACK";
        Timer.builder("dhcpd.probe.duration")
                .description("Time of one readiness probe DHCP exchange with the local dhcpd")
                .tag("result", result)
                .serviceLevelObjectives(PROBE_BUCKETS)
                .register(registry)
                .record(outcome.latency());
    }

    /** Adds meters from elsewhere (the lease-file pool metrics). */
    public void bind(MeterBinder binder) {
        binder.bindTo(registry);
    }

    public String scrape() {
        return registry.scrape();
    }

    public PrometheusMeterRegistry registry() {
        return registry;
    }

    private <T> void gauge(
            String name, String help, Supplier<T> source, ToDoubleFunction<T> value) {
        Gauge.builder(name, source, s -> value.applyAsDouble(s.get()))
                .description(help)
                .strongReference(true)
                .register(registry);
    }

    private void counter(
            String reason,
            String help,
            Supplier<WatchdogStatus> watchdog,
            ToDoubleFunction<WatchdogStatus> value) {
        FunctionCounter.builder("dhcpd.restarts", watchdog, s -> value.applyAsDouble(s.get()))
                .description(help)
                .tag("reason", reason)
                .register(registry);
    }
}
