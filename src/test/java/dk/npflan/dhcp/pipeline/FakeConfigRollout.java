package dk.npflan.dhcp.pipeline;

import dk.npflan.dhcp.audit.AuditTypes;
import dk.npflan.dhcp.config.PeerRole;
import dk.npflan.dhcp.config.RenderedConfig;
import dk.npflan.dhcp.rollout.AuditRecord;
import dk.npflan.dhcp.rollout.AuditSink;
import dk.npflan.dhcp.rollout.RolloutControlStore;
import dk.npflan.dhcp.rollout.RolloutReport;
import dk.npflan.dhcp.rollout.RolloutStatus;
import dk.npflan.dhcp.rollout.RolloutStep;
import dk.npflan.dhcp.rollout.RolloutStop;
import dk.npflan.dhcp.rollout.StepOutcome;
import dk.npflan.dhcp.rollout.StepReason;
import dk.npflan.dhcp.rollout.StepReport;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Alternative;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A rollout that behaves like the roller as the pipeline sees it: asks the request's guard under
 * its "lock", publishes, restarts the secondary, then the primary, each step recorded through the
 * {@link AuditSink} as the roller does, tells the guard how it ended, and the peers then run the
 * new hash. While {@link #failNewBundles} is set a new bundle rolls back after the secondary's
 * restart. It remembers every request and every peer restart, and can hold a rollout until the test
 * releases it ("events during a rollout", "crash mid-reconcile").
 */
@Alternative
@ApplicationScoped
public class FakeConfigRollout implements ConfigRollout {

    private final AuditSink audit;
    private final List<RolloutRequest> requests = new CopyOnWriteArrayList<>();
    private final List<Long> calledAtNanos = new CopyOnWriteArrayList<>();
    private final AtomicReference<RenderedConfig> published = new AtomicReference<>();
    private final AtomicReference<CountDownLatch> gate = new AtomicReference<>();
    private final AtomicReference<CountDownLatch> entered = new AtomicReference<>();
    private final RolloutControlStore control = RolloutControlStore.inMemory();
    private volatile boolean failNew;
    private final List<String> restarts = new CopyOnWriteArrayList<>();

    public FakeConfigRollout(AuditSink audit) {
        this.audit = audit;
    }

    /** Every rollout asked for, in order. */
    public List<RolloutRequest> requests() {
        return List.copyOf(requests);
    }

    /** {@link System#nanoTime()} of each {@link #rollOut} call, in order (for benchmarks). */
    public List<Long> calledAtNanos() {
        return List.copyOf(calledAtNanos);
    }

    /**
     * The next rollout waits (at most 60 s) until the returned latch is counted down; {@link
     * #awaitHeld()} returns once it has started.
     */
    public CountDownLatch holdNextRollout() {
        CountDownLatch release = new CountDownLatch(1);
        entered.set(new CountDownLatch(1));
        gate.set(release);
        return release;
    }

    public boolean awaitHeld() throws InterruptedException {
        return entered.get().await(30, TimeUnit.SECONDS);
    }

    /**
     * While set, the secondary fails on every bundle that is not published yet: each rollout of a
     * new bundle rolls back.
     */
    public void failNewBundles(boolean fail) {
        failNew = fail;
    }

    /** Every peer restart, as {@code role@hash}, in order (rollback restarts included). */
    public List<String> restarts() {
        return List.copyOf(restarts);
    }

    @Override
    public RolloutResult rollOut(RolloutRequest request) {
        calledAtNanos.add(System.nanoTime());
        requests.add(request);
        CountDownLatch release = gate.getAndSet(null);
        if (release != null) {
            entered.get().countDown();
            try {
                release.await(60, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return new RolloutResult.Halted(
                        RolloutStop.before(StepReason.INTERRUPTED, "interrupted"), List.of());
            }
        }
        String hash = request.hash();
        String rolloutId = "rollout-" + request.reconcileId();
        Instant start = Instant.now();
        Optional<String> refusal = request.guard().refusal(hash);
        if (refusal.isPresent()) {
            return new RolloutResult.RetryLater(
                    RolloutStop.before(StepReason.REFUSED, refusal.get()), List.of());
        }
        List<RolloutStepTiming> steps = new ArrayList<>();
        List<StepReport> reports = new ArrayList<>();
        RenderedConfig before = published.getAndSet(request.bundle());
        steps.add(step(rolloutId, hash, "publish", null));
        reports.add(
                report(
                        RolloutStep.PUBLISH,
                        null,
                        hash,
                        StepOutcome.done(StepReason.PUBLISHED, "")));
        restarts.add("secondary@" + hash);
        if (failNew && (before == null || !before.sha256().equals(hash))) {
            StepOutcome failed =
                    StepOutcome.rollBack(StepReason.START_FAILED, "secondary did not start");
            reports.add(report(RolloutStep.RESTART_SECONDARY, PeerRole.SECONDARY, hash, failed));
            published.set(before);
            String restored = before == null ? null : before.sha256();
            restarts.add("secondary@" + restored);
            request.guard()
                    .ended(
                            new RolloutReport(
                                    rolloutId,
                                    hash,
                                    RolloutStatus.ROLLED_BACK,
                                    reports,
                                    Duration.between(start, Instant.now())));
            return new RolloutResult.RolledBack(
                    RolloutStop.at(reports.get(reports.size() - 1)), restored, steps);
        }
        steps.add(step(rolloutId, hash, "restart", "secondary"));
        restarts.add("primary@" + hash);
        steps.add(step(rolloutId, hash, "restart", "primary"));
        request.guard()
                .ended(
                        new RolloutReport(
                                rolloutId,
                                hash,
                                RolloutStatus.COMPLETED,
                                reports,
                                Duration.between(start, Instant.now())));
        return new RolloutResult.Completed(hash, steps);
    }

    private static StepReport report(
            RolloutStep step, PeerRole peer, String hash, StepOutcome outcome) {
        return new StepReport(
                step, Optional.ofNullable(peer), hash, outcome, Instant.now(), Duration.ZERO);
    }

    @Override
    public RolloutControlStore control() {
        return control;
    }

    /** One record per step run, shaped like the roller's ({@code rollout.RolloutAudit}). */
    private RolloutStepTiming step(String rolloutId, String hash, String name, String peer) {
        Instant start = Instant.now();
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("step", name);
        if (peer != null) {
            data.put("peer", peer);
        }
        data.put("outcome", "done");
        data.put("detail", peer == null ? "ConfigMap written" : "failover normal/normal");
        data.put("durationMillis", 1);
        audit.record(
                new AuditRecord(AuditTypes.ROLLOUT_STEP_COMPLETED, hash, start, rolloutId, data));
        return new RolloutStepTiming(
                name,
                Optional.ofNullable(peer),
                start,
                Duration.ofMillis(1),
                "completed",
                (String) data.get("detail"));
    }

    @Override
    public Optional<RenderedConfig> published() {
        return Optional.ofNullable(published.get());
    }

    @Override
    public List<PeerStatus> peers() {
        Optional<String> hash = published().map(RenderedConfig::sha256);
        return List.of(
                new PeerStatus(
                        "primary",
                        hash,
                        hash,
                        Optional.of("normal"),
                        Optional.of("normal"),
                        true,
                        Optional.empty()),
                new PeerStatus(
                        "secondary",
                        hash,
                        hash,
                        Optional.of("normal"),
                        Optional.of("normal"),
                        true,
                        Optional.empty()));
    }
}
