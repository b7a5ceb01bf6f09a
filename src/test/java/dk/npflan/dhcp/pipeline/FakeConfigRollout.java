package dk.npflan.dhcp.pipeline;

import dk.npflan.dhcp.audit.AuditTypes;
import dk.npflan.dhcp.config.RenderedConfig;
import dk.npflan.dhcp.rollout.AuditRecord;
import dk.npflan.dhcp.rollout.AuditSink;
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
 * A rollout that behaves like the roller as the pipeline sees it: publish, restart the secondary,
 * then the primary, each step recorded through the {@link AuditSink} as the roller does, and the
 * peers then run the new hash. It remembers every request and can hold a rollout until the test
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
                return new RolloutResult.Failed("interrupted", List.of());
            }
        }
        String hash = request.hash();
        String rolloutId = "rollout-" + request.reconcileId();
        List<RolloutStepTiming> steps = new ArrayList<>();
        published.set(request.bundle());
        steps.add(step(rolloutId, hash, "publish", null));
        steps.add(step(rolloutId, hash, "restart", "secondary"));
        steps.add(step(rolloutId, hash, "restart", "primary"));
        return new RolloutResult.Completed(hash, steps);
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
