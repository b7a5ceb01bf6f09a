package dk.npflan.dhcp.pipeline;

import dk.npflan.dhcp.rollout.RolloutControl;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.quarkus.runtime.Startup;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The pipeline's Prometheus series (every one with HELP text): {@code
 * netbox_dhcpd_reconcile_duration_seconds{outcome,trigger}}, {@code
 * netbox_dhcpd_reconciles_total{outcome,trigger}}, {@code netbox_dhcpd_reconcile_events_coalesced}
 * (per reconcile), {@code netbox_dhcpd_config_info{hash}}, {@code netbox_dhcpd_config_subnets},
 * {@code netbox_dhcpd_config_pools}, {@code netbox_dhcpd_reconcile_held}, {@code
 * netbox_dhcpd_last_successful_rollout_timestamp_seconds}, {@code
 * netbox_dhcpd_rollout_step_duration_seconds{step}}, {@code netbox_dhcpd_pending_events} and {@code
 * netbox_dhcpd_pending_event_age_seconds}, and from the shared rollout control {@code
 * netbox_dhcpd_bundle_held}, {@code netbox_dhcpd_bundle_held_retry_timestamp_seconds} and {@code
 * netbox_dhcpd_rollouts_paused} (read from the store at most every {@link #CONTROL_MAX_AGE}, so
 * every replica shows the same, whichever holds the lock). Labels come from enums and the roller's
 * fixed step names only.
 */
@Startup
@ApplicationScoped
public class ReconcileMetrics {

    private final MeterRegistry registry;
    // Micrometer holds gauge state weakly: keep the loop (a client proxy) reachable from here
    private final ReconcileLoop loop;
    private final DistributionSummary coalesced;
    private final AtomicLong subnets = new AtomicLong();
    private final AtomicLong pools = new AtomicLong();
    private final AtomicLong held = new AtomicLong();
    private final AtomicLong lastRollout = new AtomicLong();
    private final AtomicReference<Gauge> configInfo = new AtomicReference<>();
    private final Counter malformed;
    private final ControlSnapshot control;

    /** How stale the rollout control gauges may be (a Kubernetes API read per refresh). */
    static final Duration CONTROL_MAX_AGE = Duration.ofSeconds(10);

    public ReconcileMetrics(MeterRegistry registry, ReconcileLoop loop, ConfigRollout rollout) {
        this.registry = registry;
        this.loop = loop;
        this.control = new ControlSnapshot(rollout, Clock.systemUTC());
        Clock clock = Clock.systemUTC();
        this.coalesced =
                DistributionSummary.builder("netbox.dhcpd.reconcile.events.coalesced")
                        .description("NetBox events covered by one reconcile")
                        .register(registry);
        this.malformed =
                Counter.builder("netbox.dhcpd.events.malformed")
                        .description(
                                "Records on netbox.events that could not be read and were skipped")
                        .register(registry);
        Gauge.builder("netbox.dhcpd.config.subnets", subnets, AtomicLong::get)
                .description("NetBox subnets in the last rendered config")
                .register(registry);
        Gauge.builder("netbox.dhcpd.config.pools", pools, AtomicLong::get)
                .description("Pools in the last rendered config")
                .register(registry);
        Gauge.builder("netbox.dhcpd.reconcile.held", held, AtomicLong::get)
                .description(
                        "1 while the sanity bound holds a config back (confirm with POST /reconcile?force=true)")
                .register(registry);
        Gauge.builder(
                        "netbox.dhcpd.last.successful.rollout.timestamp.seconds",
                        lastRollout,
                        AtomicLong::get)
                .description("Unix time of the last rollout that completed on both peers")
                .register(registry);
        Gauge.builder("netbox.dhcpd.bundle.held", control, c -> c.get().held().isPresent() ? 1 : 0)
                .description(
                        "1 while a bundle that rolled back or halted is held (not rolled out again until"
                                + " NetBox renders a different one, its back-off passes, or POST"
                                + " /reconcile?force=true)")
                .register(registry);
        Gauge.builder(
                        "netbox.dhcpd.bundle.held.retry.timestamp.seconds",
                        control,
                        c -> c.get().held().map(h -> h.retryAt().getEpochSecond()).orElse(0L))
                .description("Unix time after which the held bundle is tried again (0: none held)")
                .register(registry);
        Gauge.builder(
                        "netbox.dhcpd.rollouts.paused",
                        control,
                        c -> c.get().pause().isPresent() ? 1 : 0)
                .description(
                        "1 while rollouts are paused (POST /rollouts/pause): configs are rendered and"
                                + " checked, nothing reaches the pair")
                .register(registry);
        Gauge.builder("netbox.dhcpd.pending.events", loop, l -> l.backlog().events())
                .description("NetBox events waiting for a reconcile")
                .register(registry);
        Gauge.builder(
                        "netbox.dhcpd.pending.event.age.seconds",
                        loop,
                        l ->
                                l.backlog()
                                        .oldest()
                                        .map(
                                                o ->
                                                        Duration.between(o, clock.instant())
                                                                        .toMillis()
                                                                / 1000.0)
                                        .orElse(0.0))
                .description(
                        "Age of the oldest NetBox event waiting for a reconcile (its Kafka record is not committed)")
                .register(registry);
    }

    void reconciled(ReconcileReport report) {
        Timer.builder("netbox.dhcpd.reconcile.duration")
                .description("Duration of one reconcile, snapshot to recorded outcome")
                .tag("outcome", report.outcome().label())
                .tag("trigger", report.trigger().label())
                .register(registry)
                .record(report.took());
        Counter.builder("netbox.dhcpd.reconciles")
                .description("Reconciles by outcome and trigger")
                .tag("outcome", report.outcome().label())
                .tag("trigger", report.trigger().label())
                .register(registry)
                .increment();
        coalesced.record(report.events());
        if (report.outcome() == ReconcileOutcome.HELD) {
            held.set(1);
        } else if (report.outcome() == ReconcileOutcome.ROLLED_OUT
                || report.outcome() == ReconcileOutcome.UNCHANGED) {
            held.set(0);
        }
        for (RolloutStepTiming step : report.steps()) {
            Timer.builder("netbox.dhcpd.rollout.step.duration")
                    .description("Duration of one rollout step")
                    .tag("step", step.name())
                    .register(registry)
                    .record(step.took());
        }
    }

    void rendered(Candidate.Rendered candidate) {
        subnets.set(candidate.subnets());
        pools.set(candidate.pools());
    }

    void rolledOut(Instant at) {
        lastRollout.set(at.getEpochSecond());
    }

    /** Sets {@code netbox_dhcpd_config_info{hash}} to the published hash. */
    synchronized void published(String hash) {
        Gauge old = configInfo.get();
        if (old != null && hash.equals(old.getId().getTag("hash"))) {
            return;
        }
        if (old != null) {
            registry.remove(old);
        }
        configInfo.set(
                Gauge.builder("netbox.dhcpd.config.info", () -> 1)
                        .description("The config hash published now (value always 1)")
                        .tag("hash", hash)
                        .register(registry));
    }

    void malformedEvent() {
        malformed.increment();
    }

    /** The rollout control changed here: the gauges show it at once. */
    void control(RolloutControl now) {
        control.set(now);
    }

    /** The rollout control as last read, refreshed when older than {@link #CONTROL_MAX_AGE}. */
    private static final class ControlSnapshot {
        private final ConfigRollout rollout;
        private final Clock clock;
        private RolloutControl value = RolloutControl.NONE;
        private Instant readAt = Instant.MIN;

        ControlSnapshot(ConfigRollout rollout, Clock clock) {
            this.rollout = rollout;
            this.clock = clock;
        }

        synchronized RolloutControl get() {
            Instant now = clock.instant();
            if (readAt.plus(CONTROL_MAX_AGE).isBefore(now)) {
                readAt = now; // also on failure: no API call storm while the API server is down
                value = rollout.control().read();
            }
            return value;
        }

        synchronized void set(RolloutControl now) {
            value = now;
            readAt = clock.instant();
        }
    }
}
