package dk.npflan.dhcp.rollout;

import dk.npflan.dhcp.config.PeerRole;
import dk.npflan.dhcp.config.RenderedConfig;
import dk.npflan.dhcp.time.Sleeper;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;
import java.util.function.Supplier;
import org.jboss.logging.Logger;

/**
 * Rolls a validated config bundle onto the dhcpd failover pair without an outage: publish, wait
 * until both peers mount it, restart the secondary, gate on both peers normal and the secondary
 * serving, then the primary the same way, and roll back to the last good bundle on failure. It
 * knows nothing of dhcpd, Kubernetes or HTTP; everything platform- or server-specific sits behind
 * {@link RolloutTarget} and {@link Peer}.
 *
 * <p>The algorithm ({@link #roll}); every step ends with a typed {@link StepOutcome} (done, retry,
 * halt, roll back) and emits exactly one audit record when it ends. The steps that restart a peer
 * (4, 5 and a rollback's bring-back of a peer) emit one more when they start ({@link
 * RolloutAudit#TYPE_STARTED}), so a restart that takes the whole restart deadline is visible while
 * it runs; both of their records carry the failover states from the roller's last poll of the pair
 * (before the restart, at its end), taken from the gates' own polls, not from an extra one.
 *
 * <pre>
 *   0. Take the in-process lock and the {@link RolloutLock} (a Lease on Kubernetes).
 *      Held by another rollout → retry later. Then ask the {@link RolloutGuard} (rollouts paused,
 *      the bundle held after a failure): refused → retry later, nothing touched; it is told the
 *      outcome before the lock is released (docs/rollout.md, "Failure memory and the pause").
 *   1. Compare. Poll both peers. A peer unreachable → retry later; the pair already degraded
 *      (crash loop, recover / recover-wait, partner-down) → halt. Both peers run the new hash and it
 *      is published → skipped (record it as last good if it is not yet). With no last good yet and
 *      both peers on the published bundle, adopt that one as last good.
 *   1b. Re-pair. A peer communications-interrupted that holds its partner's old address while the
 *      partner is at another one ({@link PartnerMove}: a recreated pod, new IP) is restarted in
 *      place on the config it runs, once the partner serves, and gated like step 4c; no other
 *      restart could get the pair to normal. Nothing to re-pair → no step.
 *   2. Publish the bundle with its metadata (generated-at, NetBox request ids); the target retries
 *      optimistic-locking conflicts up to a bound → retry later. Already published → done.
 *   3. Propagate. Nudge every peer that does not mount the hash yet, then poll until both mount it,
 *      bounded by the propagation deadline → roll back. Both peers are awaited before anything is
 *      restarted, so a peer that never receives the bundle costs no restart at all.
 *   4. Restart the secondary: (a) wait until the pair is normal and stable and the primary serves
 *      (not normal by the deadline → retry later, nothing restarted); (b) restart onto the expected
 *      hash (refusals "in progress" / "hash mismatch" are retried until the restart deadline);
 *      (c) wait until the secondary runs the hash, both peers report normal/normal and the secondary's
 *      probe obtains a lease, holding on every poll for gate-stable-for. Fail fast on a rejected config (422), a failed start, a crash loop
 *      (→ roll back), recover / recover-wait or partner-down (→ halt: lease state is lost, the MCLT
 *      wait follows, restarting more peers cannot help). Not normal before the deadline → roll back.
 *   5. Restart the primary the same way (5a re-checks the pair normal). Before touching it: the
 *      secondary serves and runs the new
 *      hash (the primary is never restarted onto a config the secondary has not taken).
 *   6. Record the bundle as the new last good (the target keeps a short history).
 *
 *   Roll back (failure in 3 or 4): publish the last good bundle again, bring the secondary back to
 *   it; the primary is never touched. Failure in 5: publish the last good bundle, bring both back:
 *   a peer that does not serve first, else the peer whose step failed, else the primary ({@link
 *   #bringBackOrder}). Bringing a peer back is steps 3–4 for that peer with the last good hash;
 *   rolled back means both on it, normal and serving; when it fails the rollout halts.
 *   Never is a peer restarted while the other is not serving (4a).
 * </pre>
 *
 * <p>{@link #rePair()} is step 1b alone, for a background check ({@code serve} runs it every {@code
 * re-pair-interval}): a healthy pair costs one poll and leaves no step and no record.
 *
 * <p>{@link #repair(String)} is run when a roller starts: the previous one may have died between
 * any two steps. It reads what is observable (published hash, last good hash, each peer's running
 * hash), decides with {@link RepairDecision}, and drives toward both peers on one validated hash:
 * resume the published rollout (idempotent by hash), restore the last good bundle, or verify and
 * record.
 *
 * <p>A report ({@link RolloutReport}) lists every step with its duration; failures say which peer
 * and what was last observed. {@link RolloutStatus#RETRY_LATER}: nothing was restarted, call again
 * later; {@link RolloutStatus#HALTED}: alert, the next {@link #repair(String)} picks up from what
 * it finds.
 *
 * <p>Thread-safe; calls block (minutes at worst) and run one at a time per roller and per {@link
 * RolloutLock}.
 */
public final class Roller {

    private static final Logger LOG = Logger.getLogger(Roller.class);

    private final RolloutTarget target;
    private final RolloutLock lock;
    private final AuditSink audit;
    private final RolloutSettings settings;
    private final Clock clock;
    private final PairObserver observer;
    private final PairWait waits;
    private final Propagation propagation;
    private final PeerRestart restarts;
    private final RePair rePairs;

    /** One rollout per roller at a time, not reentrant (a sink calling back in is refused too). */
    private final Semaphore inProcess = new Semaphore(1);

    /** The lock of the run in progress (one at a time, {@link #inProcess}), for {@link #fence}. */
    private volatile RolloutLock.Held fence;

    public Roller(
            RolloutTarget target, RolloutLock lock, AuditSink audit, RolloutSettings settings) {
        this(target, lock, audit, settings, Clock.systemUTC(), Sleeper.THREAD);
    }

    public Roller(
            RolloutTarget target,
            RolloutLock lock,
            AuditSink audit,
            RolloutSettings settings,
            Clock clock,
            Sleeper sleeper) {
        this.target = new RetryingTarget(target, settings, clock, sleeper);
        this.lock = lock;
        this.audit = audit;
        this.settings = settings;
        this.clock = clock;
        this.waits = new PairWait(clock, sleeper);
        this.observer = new PairObserver(this.target, clock);
        this.propagation = new Propagation(this.target, settings, waits, observer);
        this.restarts = new PeerRestart(this.target, settings, waits, observer, clock, sleeper);
        this.rePairs = new RePair(this.target, settings, waits, observer, restarts);
    }

    /** Rolls {@code bundle} out under a new rollout id (steps 0–6). Blocks until it ends. */
    public RolloutReport roll(RenderedConfig bundle, PublishMetadata metadata) {
        return roll(UUID.randomUUID().toString(), bundle, metadata);
    }

    /** Rolls {@code bundle} out under {@code rolloutId} (steps 0–6). Blocks until it ends. */
    public RolloutReport roll(String rolloutId, RenderedConfig bundle, PublishMetadata metadata) {
        return roll(rolloutId, bundle, metadata, RolloutGuard.NONE);
    }

    /**
     * Steps 0–6, with {@code guard} asked under the lock right after step 0 (a refusal ends the
     * rollout as retry-later, nothing touched) and told the outcome before the lock is released.
     */
    public RolloutReport roll(
            String rolloutId, RenderedConfig bundle, PublishMetadata metadata, RolloutGuard guard) {
        Run run = new Run(rolloutId, bundle.sha256(), RestartReason.CONFIG_CHANGED);
        return locked(
                run,
                held -> {
                    Optional<String> refusal = guard.refusal(run.hash);
                    if (refusal.isPresent()) {
                        run.step(
                                RolloutStep.ADMIT,
                                null,
                                () -> StepOutcome.retry(StepReason.REFUSED, refusal.get()));
                        return RolloutStatus.RETRY_LATER;
                    }
                    RolloutStatus status = forward(run, held, bundle, metadata, false);
                    guard.ended(run.report(status));
                    return status;
                });
    }

    /** Repairs whatever an earlier roller left behind; see the class comment. */
    public RolloutReport repair(String rolloutId) {
        Run run = new Run(rolloutId, "none", RestartReason.RESUMED);
        return locked(run, held -> repair(run, held));
    }

    /**
     * The background check: when a peer holds its partner's old address ({@link PartnerMove}),
     * restart it in place under the rollout lock (the re-pair step). A healthy pair costs one poll
     * and leaves no step and no audit record ({@link RolloutStatus#SKIPPED} with no steps).
     */
    public RolloutReport rePair() {
        return rePair(UUID.randomUUID().toString());
    }

    public RolloutReport rePair(String rolloutId) {
        PairObservation seen = observe();
        Run run = new Run(rolloutId, "none", RestartReason.PARTNER_MOVED);
        PartnerMove verdict = PartnerMove.of(seen);
        if (verdict instanceof PartnerMove.InPlace) {
            return run.report(RolloutStatus.SKIPPED);
        }
        run.hash = seen.runningHash(staleRole(verdict)).orElse("none");
        return locked(
                run,
                held -> {
                    StepOutcome rePaired =
                            run.step(
                                    RolloutStep.RE_PAIR,
                                    staleRole(verdict),
                                    () -> rePairs.run(held));
                    return rePaired.isDone() ? RolloutStatus.COMPLETED : stopped(rePaired);
                });
    }

    private static PeerRole staleRole(PartnerMove verdict) {
        if (verdict instanceof PartnerMove.Moved moved) {
            return moved.stale();
        }
        return ((PartnerMove.AwaitPartner) verdict).stale();
    }

    private RolloutReport locked(Run run, Function<RolloutLock.Held, RolloutStatus> body) {
        if (!tryInProcess()) {
            run.step(
                    RolloutStep.LOCK,
                    null,
                    () ->
                            StepOutcome.retry(
                                    StepReason.LOCK_HELD,
                                    "another rollout runs in this process; waited "
                                            + settings.lockWait()));
            return run.report(RolloutStatus.RETRY_LATER);
        }
        AtomicReference<RolloutLock.Held> held = new AtomicReference<>();
        try {
            StepOutcome locking =
                    run.step(
                            RolloutStep.LOCK,
                            null,
                            () -> {
                                Optional<RolloutLock.Held> taken =
                                        lock.acquire(run.id, settings.lockWait());
                                if (taken.isEmpty()) {
                                    return StepOutcome.retry(
                                            StepReason.LOCK_HELD,
                                            "held by "
                                                    + lock.holder().orElse("an unknown holder")
                                                    + "; waited "
                                                    + settings.lockWait());
                                }
                                held.set(taken.get());
                                fence = taken.get();
                                return StepOutcome.done(StepReason.LOCK_ACQUIRED, "as " + run.id);
                            });
            if (!locking.isDone()) {
                return run.report(RolloutStatus.RETRY_LATER);
            }
            return run.report(body.apply(held.get()));
        } finally {
            // also when the audit sink throws while recording the lock step itself
            fence = null;
            if (held.get() != null) {
                held.get().close();
            }
            inProcess.release();
        }
    }

    private boolean tryInProcess() {
        try {
            return inProcess.tryAcquire(settings.lockWait().toNanos(), TimeUnit.NANOSECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    // ---- steps 1–6 ----

    /**
     * Steps 1–6. {@code resuming}: a repair carries on a rollout that died; a crash loop may be its
     * own doing and is left to the restart steps, which roll it back.
     */
    private RolloutStatus forward(
            Run run,
            RolloutLock.Held held,
            RenderedConfig bundle,
            PublishMetadata metadata,
            boolean resuming) {
        String hash = bundle.sha256();
        StepOutcome compare = run.step(RolloutStep.COMPARE, null, () -> compare(hash, resuming));
        if (!compare.isDone()) {
            return stopped(compare);
        }
        // a stale partner address would fail step 4's gate whatever it restarts: re-pair first
        PartnerMove move =
                observer.lastSince(run.start)
                        .map(PartnerMove::of)
                        .orElse(new PartnerMove.InPlace("not observed"));
        if (!(move instanceof PartnerMove.InPlace)) {
            PeerRole stale = staleRole(move);
            String runs =
                    observer.lastSince(run.start)
                            .flatMap(seen -> seen.runningHash(stale))
                            .orElse(hash);
            StepOutcome rePaired =
                    run.step(RolloutStep.RE_PAIR, stale, runs, () -> rePairs.run(held));
            if (!rePaired.isDone()) {
                return stopped(rePaired);
            }
        }
        if (compare.reason() == StepReason.ALREADY_RUNNING) {
            Optional<PublishedBundle> published = target.published();
            if (published.isPresent() && !lastGoodIs(hash)) {
                run.step(RolloutStep.RECORD_LAST_GOOD, null, () -> record(published.get()));
            }
            return RolloutStatus.SKIPPED;
        }

        AtomicReference<PublishedBundle> published = new AtomicReference<>();
        StepOutcome publish =
                run.step(RolloutStep.PUBLISH, null, () -> publish(bundle, metadata, published));
        if (!publish.isDone()) {
            return stopped(publish);
        }

        StepOutcome propagate =
                run.step(
                        RolloutStep.PROPAGATE,
                        null,
                        () ->
                                propagation.await(
                                        List.of(PeerRole.SECONDARY, PeerRole.PRIMARY), hash));
        if (!propagate.isDone()) {
            return afterFailure(run, held, propagate, false);
        }

        StepOutcome secondary =
                run.step(
                        RolloutStep.RESTART_SECONDARY,
                        PeerRole.SECONDARY,
                        () ->
                                resuming
                                        ? resumeSecondary(held, hash)
                                        : restarts.restart(held, PeerRole.SECONDARY, hash));
        if (!secondary.isDone()) {
            return afterFailure(run, held, secondary, false);
        }

        StepOutcome primary =
                run.step(
                        RolloutStep.RESTART_PRIMARY,
                        PeerRole.PRIMARY,
                        () -> restarts.restart(held, PeerRole.PRIMARY, hash));
        if (!primary.isDone()) {
            return afterFailure(run, held, primary, true);
        }

        return recordLastGood(run, published.get());
    }

    private StepOutcome compare(String hash, boolean resuming) {
        PairObservation seen = observe();
        Optional<PeerObservation> unreachable = seen.unreachable();
        if (unreachable.isPresent()) {
            return StepOutcome.retry(
                    StepReason.PEER_UNREACHABLE,
                    "nothing published: " + unreachable.get().describe());
        }
        if (FailFastCondition.pairHealth().evaluate(seen) instanceof Verdict.FailFast degraded
                && !(resuming && degraded.reason() == StepReason.CRASH_LOOP)) {
            return StepOutcome.halt(
                    degraded.reason(),
                    "the pair is degraded, nothing touched: "
                            + degraded.why()
                            + "; last seen: "
                            + seen.describe());
        }
        Optional<PublishedBundle> published = target.published();
        String adopted = adoptLastGood(seen, published);
        boolean bothRun =
                seen.runningHash(PeerRole.SECONDARY).filter(hash::equals).isPresent()
                        && seen.runningHash(PeerRole.PRIMARY).filter(hash::equals).isPresent();
        boolean isPublished = published.map(PublishedBundle::hash).filter(hash::equals).isPresent();
        String state =
                "secondary runs "
                        + Hashes.brief(seen.runningHash(PeerRole.SECONDARY))
                        + ", primary runs "
                        + Hashes.brief(seen.runningHash(PeerRole.PRIMARY))
                        + ", published "
                        + Hashes.brief(published.map(PublishedBundle::hash))
                        + adopted;
        return bothRun && isPublished
                ? StepOutcome.done(StepReason.ALREADY_RUNNING, state)
                : StepOutcome.done(StepReason.CHANGE_NEEDED, state);
    }

    /**
     * Without any last good bundle, the published one both peers run is the best rollback target.
     */
    private String adoptLastGood(PairObservation seen, Optional<PublishedBundle> published) {
        if (target.lastGood().isPresent() || published.isEmpty()) {
            return "";
        }
        Optional<String> hash = published.map(PublishedBundle::hash);
        if (hash.equals(seen.runningHash(PeerRole.SECONDARY))
                && hash.equals(seen.runningHash(PeerRole.PRIMARY))) {
            fence("record the last good bundle");
            target.recordLastGood(published.get());
            return "; adopted " + Hashes.brief(hash) + " (both peers run it) as last good";
        }
        return "; no last good bundle to roll back to";
    }

    private StepOutcome publish(
            RenderedConfig bundle,
            PublishMetadata metadata,
            AtomicReference<PublishedBundle> published) {
        Optional<PublishedBundle> current = target.published();
        if (current.map(PublishedBundle::hash).filter(bundle.sha256()::equals).isPresent()) {
            published.set(current.get());
            return StepOutcome.done(
                    StepReason.ALREADY_PUBLISHED, "generated at " + current.get().generatedAt());
        }
        if (current.filter(c -> metadata.generatedAt().isBefore(c.generatedAt())).isPresent()) {
            // two replicas resyncing: the slower one's older NetBox snapshot must not undo a newer
            // rollout; its retry renders a fresh snapshot
            return StepOutcome.retry(
                    StepReason.OLDER_SNAPSHOT,
                    "generated at "
                            + metadata.generatedAt()
                            + ", before the published "
                            + Hashes.brief(current.map(PublishedBundle::hash))
                            + " (generated at "
                            + current.get().generatedAt()
                            + "); nothing published, nothing restarted");
        }
        fence("publish " + Hashes.brief(bundle.sha256()));
        try {
            published.set(target.publish(bundle, metadata));
        } catch (PublishConflictException e) {
            return StepOutcome.retry(
                    StepReason.PUBLISH_CONFLICT, e.getMessage() + "; nothing restarted");
        }
        return StepOutcome.done(
                StepReason.PUBLISHED,
                "generated at "
                        + metadata.generatedAt()
                        + " from NetBox requests "
                        + metadata.netboxRequestIds()
                        + ", replacing "
                        + Hashes.brief(current.map(PublishedBundle::hash)));
    }

    /**
     * Step 4 of a resumed rollout. When the secondary already serves on the hash but the primary
     * does not serve (it died in its own restart), step 4's wait for both-normal can never pass and
     * its guard would forbid touching the secondary: carry on with step 5, as the dead roller would
     * have. That verdict skips a gate, so it must hold on every poll for gate-stable-for: one
     * failed {@code /state} of the primary, or a primary in its startup, is not "the primary died".
     */
    private StepOutcome resumeSecondary(RolloutLock.Held held, String hash) {
        PairWait.Result ahead =
                waits.await(
                        observer::observe,
                        new SecondaryAheadCondition(hash),
                        settings.gateStableFor(),
                        settings.pollInterval(),
                        settings.gateStableFor());
        if (ahead instanceof PairWait.Result.Met) {
            return StepOutcome.done(
                    StepReason.ALREADY_ON_HASH,
                    "secondary already serves "
                            + Hashes.brief(hash)
                            + " and the primary has not served for "
                            + settings.gateStableFor()
                            + ": the primary's restart comes next; "
                            + ahead.last().describe());
        }
        if (ahead instanceof PairWait.Result.Interrupted) {
            return PeerRestart.interrupted(ahead);
        }
        return restarts.restart(held, PeerRole.SECONDARY, hash);
    }

    /**
     * Step 6; both peers run the bundle either way, but without the record a rollback would go too
     * far back.
     */
    private RolloutStatus recordLastGood(Run run, PublishedBundle bundle) {
        StepOutcome recorded = run.step(RolloutStep.RECORD_LAST_GOOD, null, () -> record(bundle));
        return recorded.isDone() ? RolloutStatus.COMPLETED : RolloutStatus.HALTED;
    }

    private StepOutcome record(PublishedBundle bundle) {
        fence("record " + Hashes.brief(bundle.hash()) + " as last good");
        target.recordLastGood(bundle);
        return StepOutcome.done(
                StepReason.RECORDED_LAST_GOOD,
                Hashes.brief(bundle.hash()) + " generated at " + bundle.generatedAt());
    }

    /** Stops the step before a write when the lock's own record no longer names this run. */
    private void fence(String write) {
        RolloutLock.Held held = fence;
        if (held != null && !held.confirm()) {
            throw new LockLostException(
                    "the rollout lock no longer names this run; did not " + write);
        }
    }

    /** A write refused by {@link #fence}; the step halts with {@link StepReason#LOCK_LOST}. */
    private static final class LockLostException extends RuntimeException {
        LockLostException(String message) {
            super(message, null, false, false);
        }
    }

    // ---- rollback ----

    private RolloutStatus afterFailure(
            Run run, RolloutLock.Held held, StepOutcome failure, boolean primaryMayMove) {
        if (failure.kind() != StepOutcome.Kind.ROLL_BACK) {
            return stopped(failure);
        }
        return rollBack(run, held, primaryMayMove);
    }

    private RolloutStatus rollBack(Run run, RolloutLock.Held held, boolean primaryMayMove) {
        Optional<PeerRole> broken = run.lastPeer();
        Optional<PublishedBundle> good = target.lastGood();
        StepOutcome restore =
                run.step(
                        RolloutStep.RESTORE_LAST_GOOD,
                        null,
                        good.map(PublishedBundle::hash).orElse(run.hash),
                        () -> restore(good, run.hash));
        if (!restore.isDone()) {
            return RolloutStatus.HALTED;
        }
        String goodHash = good.get().hash();
        List<PeerRole> order =
                primaryMayMove ? bringBackOrder(observe(), broken) : List.of(PeerRole.SECONDARY);
        for (int i = 0; i < order.size(); i++) {
            PeerRole role = order.get(i);
            boolean last = i == order.size() - 1;
            StepOutcome brought =
                    run.step(
                            role == PeerRole.PRIMARY
                                    ? RolloutStep.ROLLBACK_PRIMARY
                                    : RolloutStep.ROLLBACK_SECONDARY,
                            role,
                            goodHash,
                            () -> {
                                StepOutcome converged = converge(held, role, goodHash);
                                return converged.isDone() && last
                                        ? healthy(converged, goodHash)
                                        : converged;
                            });
            if (!brought.isDone()) {
                return RolloutStatus.HALTED;
            }
        }
        return RolloutStatus.ROLLED_BACK;
    }

    /**
     * Which peer a rollback brings back first (docs/rollout.md, "Rolling back"): one that does not
     * serve (its partner serves throughout; the other way round nobody would); else the peer whose
     * step failed (it broke the pair, and taking it back first passes only through a pair that
     * already reached normal); else (a repair: no step failed) the primary: a secondary is only
     * ever moved on after its gate passed, the primary's hash is the one never proven.
     */
    static List<PeerRole> bringBackOrder(PairObservation seen, Optional<PeerRole> broken) {
        PeerRole first = broken.orElse(PeerRole.PRIMARY);
        for (PeerRole role : List.of(PeerRole.SECONDARY, PeerRole.PRIMARY)) {
            if (!(new ServingCondition(role).evaluate(seen) instanceof Verdict.Met)) {
                first = role;
                break;
            }
        }
        return first == PeerRole.PRIMARY
                ? List.of(PeerRole.PRIMARY, PeerRole.SECONDARY)
                : List.of(PeerRole.SECONDARY, PeerRole.PRIMARY);
    }

    /**
     * A rollback is done when the pair is whole again on the last good bundle, not when the hashes
     * match: both run it, both normal, both serve, held for gate-stable-for.
     */
    private StepOutcome healthy(StepOutcome converged, String goodHash) {
        StepOutcome verified = restarts.verifyBoth(goodHash).asHalt();
        return verified.isDone()
                ? new StepOutcome(
                        converged.kind(),
                        converged.reason(),
                        converged.detail() + "; pair healthy: " + verified.detail())
                : verified;
    }

    private StepOutcome restore(Optional<PublishedBundle> good, String failedHash) {
        if (good.isEmpty()) {
            return StepOutcome.halt(
                    StepReason.NO_LAST_GOOD,
                    Hashes.brief(failedHash) + " stays published; peers left as they are");
        }
        if (target.published()
                .map(PublishedBundle::hash)
                .filter(good.get().hash()::equals)
                .isPresent()) {
            return StepOutcome.done(StepReason.RESTORED_LAST_GOOD, "it was still published");
        }
        fence("restore " + Hashes.brief(good.get().hash()));
        try {
            target.publish(good.get().bundle(), PublishMetadata.of(good.get()));
        } catch (PublishConflictException e) {
            return StepOutcome.halt(StepReason.PUBLISH_CONFLICT, e.getMessage());
        }
        return StepOutcome.done(
                StepReason.RESTORED_LAST_GOOD,
                Hashes.brief(good.get().hash()) + " replaces " + Hashes.brief(failedHash));
    }

    /** Brings one peer to {@code hash} (steps 3–4 for that peer); failures halt. */
    private StepOutcome converge(RolloutLock.Held held, PeerRole role, String hash) {
        PairObservation seen = observe();
        if (seen.of(role) instanceof PeerObservation.Unreachable unreachable) {
            return StepOutcome.halt(StepReason.PEER_UNREACHABLE, unreachable.describe());
        }
        if (seen.runningHash(role).filter(hash::equals).isPresent()) {
            return StepOutcome.done(
                    StepReason.ALREADY_ON_HASH,
                    role.keyword() + " already runs " + Hashes.brief(hash) + "; not restarted");
        }
        StepOutcome mounted = propagation.await(List.of(role), hash);
        if (!mounted.isDone()) {
            return mounted.asHalt();
        }
        return restarts.bringBack(held, role, hash).asHalt();
    }

    // ---- repair ----

    private RolloutStatus repair(Run run, RolloutLock.Held held) {
        Optional<PublishedBundle> published = target.published();
        published.ifPresent(p -> run.hash = p.hash());
        AtomicReference<RepairDecision> decision = new AtomicReference<>();
        StepOutcome observed = run.step(RolloutStep.OBSERVE, null, () -> plan(published, decision));
        if (!observed.isDone()) {
            return stopped(observed);
        }
        switch (decision.get()) {
            case NOTHING_PUBLISHED:
            case IN_SYNC:
                return RolloutStatus.SKIPPED;
            case RESTORE_LAST_GOOD:
                return rollBack(run, held, true);
            case RESUME_ROLLOUT:
                PublishedBundle resumed = published.get();
                return forward(run, held, resumed.bundle(), PublishMetadata.of(resumed), true);
            case VERIFY_AND_RECORD:
            default:
                StepOutcome verified =
                        run.step(RolloutStep.VERIFY, null, () -> restarts.verifyBoth(run.hash));
                if (!verified.isDone()) {
                    return afterFailure(run, held, verified, true);
                }
                return recordLastGood(run, published.get());
        }
    }

    /**
     * Observes until the decision's inputs (each peer's running hash) held for gate-stable-for; a
     * peer unreachable on any poll → retry, nothing repaired.
     */
    private StepOutcome plan(
            Optional<PublishedBundle> published, AtomicReference<RepairDecision> decision) {
        Optional<String> lastGood = target.lastGood().map(PublishedBundle::hash);
        Optional<String> publishedHash = published.map(PublishedBundle::hash);
        SameAnswerCondition<RepairDecision> same =
                new SameAnswerCondition<>(
                        seen ->
                                RepairDecision.of(
                                        publishedHash,
                                        lastGood,
                                        seen.runningHash(PeerRole.SECONDARY),
                                        seen.runningHash(PeerRole.PRIMARY)));
        PairWait.Result held =
                waits.await(
                        observer::observe,
                        PairCondition.allOf(Roller::reachable, same),
                        settings.restartDeadline(),
                        settings.pollInterval(),
                        settings.gateStableFor());
        if (held instanceof PairWait.Result.FailedFast failed) {
            return StepOutcome.retry(
                    failed.verdict().reason(), "nothing repaired: " + failed.verdict().why());
        }
        if (held instanceof PairWait.Result.TimedOut timedOut) {
            return StepOutcome.retry(
                    StepReason.OBSERVATION_UNSETTLED,
                    "nothing repaired: the decision "
                            + timedOut.lastWhy()
                            + " within "
                            + settings.restartDeadline()
                            + "; last seen: "
                            + held.last().describe());
        }
        if (!(held instanceof PairWait.Result.Met)) {
            return PeerRestart.interrupted(held);
        }
        RepairDecision chosen = same.answer();
        decision.set(chosen);
        String state =
                chosen
                        + ": published "
                        + Hashes.brief(publishedHash)
                        + ", last good "
                        + Hashes.brief(lastGood)
                        + "; "
                        + held.last().describe();
        return chosen == RepairDecision.NOTHING_PUBLISHED
                ? StepOutcome.done(StepReason.NOTHING_PUBLISHED, state)
                : StepOutcome.done(StepReason.REPAIR_PLANNED, state);
    }

    /** An unreachable peer ends a repair's observation at once: retry, nothing decided. */
    private static Verdict reachable(PairObservation seen) {
        return seen.unreachable()
                .<Verdict>map(
                        peer ->
                                new Verdict.FailFast(
                                        StepOutcome.Kind.RETRY,
                                        StepReason.PEER_UNREACHABLE,
                                        peer.describe()))
                .orElse(Verdict.MET);
    }

    // ---- plumbing ----

    private PairObservation observe() {
        return observer.observe();
    }

    private boolean lastGoodIs(String hash) {
        return target.lastGood().map(PublishedBundle::hash).filter(hash::equals).isPresent();
    }

    private static RolloutStatus stopped(StepOutcome outcome) {
        return outcome.kind() == StepOutcome.Kind.RETRY
                ? RolloutStatus.RETRY_LATER
                : RolloutStatus.HALTED;
    }

    /** One rollout or repair: its id, its steps so far, and the audit records of each step. */
    private final class Run {

        private final String id;
        private final RestartReason reason;
        private final Instant start = clock.instant();
        private final List<StepReport> steps = new ArrayList<>();
        private String hash;

        /** A step that may restart a peer has started in this run. */
        private boolean touched;

        Run(String id, String hash, RestartReason reason) {
            this.id = id;
            this.hash = hash;
            this.reason = reason;
        }

        StepOutcome step(RolloutStep step, PeerRole peer, Supplier<StepOutcome> body) {
            return step(step, peer, hash, body);
        }

        /**
         * Runs one step and emits its audit record when it ends, and for a peer restart one more
         * before it starts; an unexpected exception halts.
         */
        StepOutcome step(
                RolloutStep step, PeerRole peer, String subject, Supplier<StepOutcome> body) {
            RestartReason why = step.restartReason(reason);
            Instant started = clock.instant();
            if (step.restartsPeer()) {
                touched = true;
                record(
                        step,
                        RolloutAudit.started(id, why, step, peer, subject, lastSeen(), started));
            }
            StepOutcome outcome;
            try {
                outcome = body.get();
            } catch (LockLostException e) {
                outcome = StepOutcome.halt(StepReason.LOCK_LOST, e.getMessage());
            } catch (TargetUnavailableException e) {
                // retried with back-off already; nothing restarted yet → the whole rollout later
                String detail =
                        e.getMessage() + (touched ? "" : "; no peer restarted in this rollout");
                outcome =
                        touched
                                ? StepOutcome.halt(StepReason.PLATFORM_UNAVAILABLE, detail)
                                : StepOutcome.retry(StepReason.PLATFORM_UNAVAILABLE, detail);
            } catch (RuntimeException e) {
                outcome = StepOutcome.halt(StepReason.UNEXPECTED_ERROR, e.toString());
            }
            Instant ended = clock.instant();
            StepReport report =
                    new StepReport(
                            step,
                            Optional.ofNullable(peer),
                            subject,
                            outcome,
                            started,
                            Duration.between(started, ended));
            steps.add(report);
            Optional<PairObservation> after = step.restartsPeer() ? lastSeen() : Optional.empty();
            record(step, RolloutAudit.of(id, why, report, after, ended));
            return outcome;
        }

        /** The roller's last poll of the pair in this run; no extra agent call. */
        private Optional<PairObservation> lastSeen() {
            return observer.lastSince(start);
        }

        private void record(RolloutStep step, AuditRecord record) {
            try {
                audit.record(record);
            } catch (RuntimeException e) {
                // a lost audit record must not leave the pair half rolled; the report still has it
                LOG.warnf(e, "rollout %s %s: audit record not written", id, step.label());
            }
        }

        /** The peer of the last step run, if it had one: the peer a failed step was about. */
        Optional<PeerRole> lastPeer() {
            return steps.isEmpty() ? Optional.empty() : steps.get(steps.size() - 1).peer();
        }

        RolloutReport report(RolloutStatus status) {
            return new RolloutReport(
                    id, hash, status, steps, Duration.between(start, clock.instant()));
        }
    }
}
