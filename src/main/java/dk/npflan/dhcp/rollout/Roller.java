package dk.npflan.dhcp.rollout;

import dk.npflan.dhcp.config.PeerRole;
import dk.npflan.dhcp.config.RenderedConfig;
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
 * <p>The algorithm ({@link #roll}); every step emits exactly one audit record and ends with a typed
 * {@link StepOutcome} (done, retry, halt, roll back):
 *
 * <pre>
 *   0. Take the in-process lock and the {@link RolloutLock} (a Lease on Kubernetes).
 *      Held by another rollout → retry later.
 *   1. Compare. Poll both peers. A peer unreachable → retry later; the pair already degraded
 *      (crash loop, recover / recover-wait, partner-down) → halt. Both peers run the new hash and it
 *      is published → skipped (record it as last good if it is not yet). With no last good yet and
 *      both peers on the published bundle, adopt that one as last good.
 *   2. Publish the bundle with its metadata (generated-at, NetBox request ids); the target retries
 *      optimistic-locking conflicts up to a bound → retry later. Already published → done.
 *   3. Propagate. Nudge every peer that does not mount the hash yet, then poll until both mount it,
 *      bounded by the propagation deadline → roll back. Both peers are awaited before anything is
 *      restarted, so a peer that never receives the bundle costs no restart at all.
 *   4. Restart the secondary: (a) wait until the primary is serving; (b) restart onto the expected
 *      hash (refusals "in progress" / "hash mismatch" are retried until the restart deadline);
 *      (c) wait until the secondary runs the hash, both peers report normal/normal and the secondary's
 *      probe obtains a lease, holding on every poll for gate-stable-for. Fail fast on a rejected config (422), a failed start, a crash loop
 *      (→ roll back), recover / recover-wait or partner-down (→ halt: lease state is lost, the MCLT
 *      wait follows, restarting more peers cannot help). Not normal before the deadline → roll back.
 *   5. Restart the primary the same way. Before touching it: the secondary serves and runs the new
 *      hash (the primary is never restarted onto a config the secondary has not taken).
 *   6. Record the bundle as the new last good (the target keeps a short history).
 *
 *   Roll back (failure in 3 or 4): publish the last good bundle again, bring the secondary back to
 *   it; the primary is never touched. Failure in 5: publish the last good bundle, bring the primary
 *   back to it, then the secondary, so both end on the same pool definitions. Bringing a peer back
 *   is steps 3–4 for that peer with the last good hash; when it fails the rollout halts.
 *   Never is a peer restarted while the other is not serving (4a).
 * </pre>
 *
 * <p>{@link #repair()} is run when a roller starts: the previous one may have died between any two
 * steps. It reads what is observable (published hash, last good hash, each peer's running hash),
 * decides with {@link RepairDecision}, and drives toward both peers on one validated hash: resume
 * the published rollout (idempotent by hash), restore the last good bundle, or verify and record.
 *
 * <p>A report ({@link RolloutReport}) lists every step with its duration; failures say which peer
 * and what was last observed. {@link RolloutStatus#RETRY_LATER}: nothing was restarted, call again
 * later; {@link RolloutStatus#HALTED}: alert, the next {@link #repair()} picks up from what it
 * finds.
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
    private final Sleeper sleeper;
    private final PairWait waits;

    /** One rollout per roller at a time, not reentrant (a sink calling back in is refused too). */
    private final Semaphore inProcess = new Semaphore(1);

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
        this.target = target;
        this.lock = lock;
        this.audit = audit;
        this.settings = settings;
        this.clock = clock;
        this.sleeper = sleeper;
        this.waits = new PairWait(clock, sleeper);
    }

    /** Rolls {@code bundle} out under a new rollout id (steps 0–6). Blocks until it ends. */
    public RolloutReport roll(RenderedConfig bundle, PublishMetadata metadata) {
        return roll(UUID.randomUUID().toString(), bundle, metadata);
    }

    /** Rolls {@code bundle} out under {@code rolloutId} (steps 0–6). Blocks until it ends. */
    public RolloutReport roll(String rolloutId, RenderedConfig bundle, PublishMetadata metadata) {
        Run run = new Run(rolloutId, bundle.sha256(), RestartReason.CONFIG_CHANGED);
        return locked(run, held -> forward(run, held, bundle, metadata, false));
    }

    /** Repairs whatever an earlier roller left behind; see the class comment. */
    public RolloutReport repair() {
        return repair(UUID.randomUUID().toString());
    }

    public RolloutReport repair(String rolloutId) {
        Run run = new Run(rolloutId, "none", RestartReason.RESUMED);
        return locked(run, held -> repair(run, held));
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
                                return StepOutcome.done(StepReason.LOCK_ACQUIRED, "as " + run.id);
                            });
            if (!locking.isDone()) {
                return run.report(RolloutStatus.RETRY_LATER);
            }
            return run.report(body.apply(held.get()));
        } finally {
            // also when the audit sink throws while recording the lock step itself
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
                        () -> awaitMounted(List.of(PeerRole.SECONDARY, PeerRole.PRIMARY), hash));
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
                                        : restart(held, PeerRole.SECONDARY, hash));
        if (!secondary.isDone()) {
            return afterFailure(run, held, secondary, false);
        }

        StepOutcome primary =
                run.step(
                        RolloutStep.RESTART_PRIMARY,
                        PeerRole.PRIMARY,
                        () -> restart(held, PeerRole.PRIMARY, hash));
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
     * Step 3 for {@code roles}: nudge those that lag, then wait until all of them mount the hash.
     */
    private StepOutcome awaitMounted(List<PeerRole> roles, String hash) {
        PairObservation first = observe();
        List<String> nudged = new ArrayList<>();
        List<PairCondition> mounted = new ArrayList<>();
        for (PeerRole role : roles) {
            MountedHashCondition condition = new MountedHashCondition(role, hash);
            mounted.add(condition);
            if (!(condition.evaluate(first) instanceof Verdict.Met)) {
                try {
                    target.peer(role).nudge(hash);
                    nudged.add(role.keyword());
                } catch (PeerUnreachableException e) {
                    nudged.add(role.keyword() + " (failed: " + e.getMessage() + ")");
                }
            }
        }
        PairWait.Result waited =
                waits.await(
                        this::observe,
                        PairCondition.allOf(mounted.toArray(PairCondition[]::new)),
                        settings.propagationDeadline(),
                        settings.pollInterval());
        if (waited instanceof PairWait.Result.Met) {
            return StepOutcome.done(
                    StepReason.PROPAGATED, "mounted after " + waited.took() + "; nudged " + nudged);
        }
        if (waited instanceof PairWait.Result.TimedOut timedOut) {
            return StepOutcome.rollBack(
                    StepReason.PROPAGATION_DEADLINE,
                    timedOut.lastWhy()
                            + " after "
                            + settings.propagationDeadline()
                            + " (nudged "
                            + nudged
                            + "); last seen: "
                            + waited.last().describe());
        }
        return interrupted(waited);
    }

    /**
     * Step 4 of a resumed rollout. When the secondary already serves on the hash but the primary
     * does not serve (it died in its own restart), step 4's wait for both-normal can never pass and
     * its guard would forbid touching the secondary: carry on with step 5, as the dead roller would
     * have.
     */
    private StepOutcome resumeSecondary(RolloutLock.Held held, String hash) {
        PairObservation seen = observe();
        boolean secondaryServesHash =
                seen.runningHash(PeerRole.SECONDARY).filter(hash::equals).isPresent()
                        && new ServingCondition(PeerRole.SECONDARY).evaluate(seen)
                                instanceof Verdict.Met;
        boolean primaryServes =
                new ServingCondition(PeerRole.PRIMARY).evaluate(seen) instanceof Verdict.Met;
        if (secondaryServesHash && !primaryServes) {
            return StepOutcome.done(
                    StepReason.ALREADY_ON_HASH,
                    "secondary already serves "
                            + Hashes.brief(hash)
                            + " and the primary does not serve: the primary's restart comes next; "
                            + seen.describe());
        }
        return restart(held, PeerRole.SECONDARY, hash);
    }

    /** Steps 4 and 5: guard, restart, gate. */
    private StepOutcome restart(RolloutLock.Held held, PeerRole role, String hash) {
        PeerRole other = role == PeerRole.PRIMARY ? PeerRole.SECONDARY : PeerRole.PRIMARY;
        String subject = role.keyword() + " onto " + Hashes.brief(hash);

        PairWait.Result guard =
                waits.await(
                        this::observe,
                        new ServingCondition(other),
                        settings.restartDeadline(),
                        settings.pollInterval());
        if (guard instanceof PairWait.Result.TimedOut) {
            return StepOutcome.rollBack(
                    StepReason.PARTNER_NOT_SERVING,
                    "not restarting "
                            + subject
                            + ": "
                            + other.keyword()
                            + " not serving within "
                            + settings.restartDeadline()
                            + "; last seen: "
                            + guard.last().describe());
        }
        if (!(guard instanceof PairWait.Result.Met)) {
            return interrupted(guard);
        }
        if (role == PeerRole.PRIMARY) {
            Optional<String> secondaryRuns = guard.last().runningHash(PeerRole.SECONDARY);
            if (!secondaryRuns.equals(Optional.of(hash)) && !lastGoodIs(hash)) {
                return StepOutcome.halt(
                        StepReason.INTERLOCK,
                        "not restarting "
                                + subject
                                + ": the secondary runs "
                                + Hashes.brief(secondaryRuns)
                                + " and it is not the last good bundle");
            }
        }
        if (!held.isHeld()) {
            return StepOutcome.halt(StepReason.LOCK_LOST, "not restarting " + subject);
        }

        RestartResult result;
        try {
            result = restartUntilAccepted(role, hash);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return StepOutcome.halt(StepReason.INTERRUPTED, "while restarting " + subject);
        }
        if (result instanceof RestartResult.InProgress
                || result instanceof RestartResult.HashMismatch) {
            return StepOutcome.rollBack(
                    StepReason.RESTART_REFUSED,
                    subject + ": still " + result + " after " + settings.restartDeadline());
        }
        if (result instanceof RestartResult.ConfigInvalid invalid) {
            return StepOutcome.rollBack(
                    StepReason.CONFIG_REJECTED,
                    role.keyword()
                            + " rejected "
                            + Hashes.brief(hash)
                            + ": "
                            + String.join("; ", invalid.errors()));
        }
        if (result instanceof RestartResult.StartFailed failed) {
            return StepOutcome.rollBack(
                    StepReason.START_FAILED,
                    role.keyword()
                            + " did not start on "
                            + Hashes.brief(hash)
                            + ": "
                            + failed.error());
        }
        if (result instanceof RestartResult.Unreachable unreachable) {
            return StepOutcome.rollBack(
                    StepReason.PEER_UNREACHABLE, subject + ": " + unreachable.error());
        }
        boolean restarted = result instanceof RestartResult.Restarted;

        PairWait.Result gate =
                waits.await(
                        this::observe,
                        PairCondition.allOf(
                                FailFastCondition.afterRestartOf(role),
                                new RunningHashCondition(role, hash),
                                new BothNormalCondition(),
                                new ServingCondition(role)),
                        settings.restartDeadline(),
                        settings.pollInterval(),
                        settings.gateStableFor());
        if (gate instanceof PairWait.Result.Met) {
            return StepOutcome.done(
                    restarted ? StepReason.RESTARTED : StepReason.ALREADY_ON_HASH,
                    subject + ", gate passed after " + gate.took() + ": " + gate.last().describe());
        }
        if (gate instanceof PairWait.Result.FailedFast failedFast) {
            Verdict.FailFast verdict = failedFast.verdict();
            return new StepOutcome(
                    verdict.kind(),
                    verdict.reason(),
                    subject
                            + ", failed fast after "
                            + gate.took()
                            + ": "
                            + verdict.why()
                            + "; last seen: "
                            + gate.last().describe());
        }
        if (gate instanceof PairWait.Result.TimedOut timedOut) {
            return StepOutcome.rollBack(
                    StepReason.NOT_NORMAL_BEFORE_DEADLINE,
                    subject
                            + ": "
                            + timedOut.lastWhy()
                            + " after "
                            + settings.restartDeadline()
                            + "; last seen: "
                            + gate.last().describe());
        }
        return interrupted(gate);
    }

    /** Asks for the restart until the agent accepts or rejects it, or the deadline passes. */
    private RestartResult restartUntilAccepted(PeerRole role, String hash)
            throws InterruptedException {
        Instant deadline = clock.instant().plus(settings.restartDeadline());
        Peer peer = target.peer(role);
        while (true) {
            RestartResult result = peer.restart(hash);
            boolean refused =
                    result instanceof RestartResult.InProgress
                            || result instanceof RestartResult.HashMismatch;
            if (!refused || !clock.instant().isBefore(deadline)) {
                return result;
            }
            sleeper.sleep(settings.pollInterval());
        }
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
        target.recordLastGood(bundle);
        return StepOutcome.done(
                StepReason.RECORDED_LAST_GOOD,
                Hashes.brief(bundle.hash()) + " generated at " + bundle.generatedAt());
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
        if (primaryMayMove) {
            StepOutcome primary =
                    run.step(
                            RolloutStep.ROLLBACK_PRIMARY,
                            PeerRole.PRIMARY,
                            goodHash,
                            () -> converge(held, PeerRole.PRIMARY, goodHash));
            if (!primary.isDone()) {
                return RolloutStatus.HALTED;
            }
        }
        StepOutcome secondary =
                run.step(
                        RolloutStep.ROLLBACK_SECONDARY,
                        PeerRole.SECONDARY,
                        goodHash,
                        () -> converge(held, PeerRole.SECONDARY, goodHash));
        return secondary.isDone() ? RolloutStatus.ROLLED_BACK : RolloutStatus.HALTED;
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
        StepOutcome mounted = awaitMounted(List.of(role), hash);
        if (!mounted.isDone()) {
            return mounted.asHalt();
        }
        return restart(held, role, hash).asHalt();
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
                StepOutcome verified = run.step(RolloutStep.VERIFY, null, () -> verify(run.hash));
                if (!verified.isDone()) {
                    return afterFailure(run, held, verified, true);
                }
                return recordLastGood(run, published.get());
        }
    }

    private StepOutcome plan(
            Optional<PublishedBundle> published, AtomicReference<RepairDecision> decision) {
        PairObservation seen = observe();
        Optional<PeerObservation> unreachable = seen.unreachable();
        if (unreachable.isPresent()) {
            return StepOutcome.retry(
                    StepReason.PEER_UNREACHABLE,
                    "nothing repaired: " + unreachable.get().describe());
        }
        Optional<String> lastGood = target.lastGood().map(PublishedBundle::hash);
        Optional<String> publishedHash = published.map(PublishedBundle::hash);
        RepairDecision chosen =
                RepairDecision.of(
                        publishedHash,
                        lastGood,
                        seen.runningHash(PeerRole.SECONDARY),
                        seen.runningHash(PeerRole.PRIMARY));
        decision.set(chosen);
        String state =
                chosen
                        + ": published "
                        + Hashes.brief(publishedHash)
                        + ", last good "
                        + Hashes.brief(lastGood)
                        + "; "
                        + seen.describe();
        return chosen == RepairDecision.NOTHING_PUBLISHED
                ? StepOutcome.done(StepReason.NOTHING_PUBLISHED, state)
                : StepOutcome.done(StepReason.REPAIR_PLANNED, state);
    }

    /** Both peers run {@code hash}: only a healthy pair makes it the last good. */
    private StepOutcome verify(String hash) {
        PairWait.Result gate =
                waits.await(
                        this::observe,
                        PairCondition.allOf(
                                FailFastCondition.afterRestartOf(PeerRole.PRIMARY),
                                new RunningHashCondition(PeerRole.SECONDARY, hash),
                                new RunningHashCondition(PeerRole.PRIMARY, hash),
                                new BothNormalCondition(),
                                new ServingCondition(PeerRole.SECONDARY),
                                new ServingCondition(PeerRole.PRIMARY)),
                        settings.restartDeadline(),
                        settings.pollInterval(),
                        settings.gateStableFor());
        if (gate instanceof PairWait.Result.Met) {
            return StepOutcome.done(StepReason.ALREADY_ON_HASH, gate.last().describe());
        }
        if (gate instanceof PairWait.Result.FailedFast failedFast) {
            Verdict.FailFast verdict = failedFast.verdict();
            return new StepOutcome(
                    verdict.kind(),
                    verdict.reason(),
                    verdict.why() + "; last seen: " + gate.last().describe());
        }
        if (gate instanceof PairWait.Result.TimedOut timedOut) {
            return StepOutcome.rollBack(
                    StepReason.NOT_NORMAL_BEFORE_DEADLINE,
                    timedOut.lastWhy()
                            + " after "
                            + settings.restartDeadline()
                            + "; last seen: "
                            + gate.last().describe());
        }
        return interrupted(gate);
    }

    // ---- plumbing ----

    private PairObservation observe() {
        return PairObservation.of(target, clock.instant());
    }

    private boolean lastGoodIs(String hash) {
        return target.lastGood().map(PublishedBundle::hash).filter(hash::equals).isPresent();
    }

    private static RolloutStatus stopped(StepOutcome outcome) {
        return outcome.kind() == StepOutcome.Kind.RETRY
                ? RolloutStatus.RETRY_LATER
                : RolloutStatus.HALTED;
    }

    private static StepOutcome interrupted(PairWait.Result waited) {
        return StepOutcome.halt(
                StepReason.INTERRUPTED, "while waiting; last seen: " + waited.last().describe());
    }

    /** One rollout or repair: its id, its steps so far, and the audit record per step. */
    private final class Run {

        private final String id;
        private final RestartReason reason;
        private final Instant start = clock.instant();
        private final List<StepReport> steps = new ArrayList<>();
        private String hash;

        Run(String id, String hash, RestartReason reason) {
            this.id = id;
            this.hash = hash;
            this.reason = reason;
        }

        StepOutcome step(RolloutStep step, PeerRole peer, Supplier<StepOutcome> body) {
            return step(step, peer, hash, body);
        }

        /** Runs one step and emits its one audit record; an unexpected exception halts. */
        StepOutcome step(
                RolloutStep step, PeerRole peer, String subject, Supplier<StepOutcome> body) {
            Instant started = clock.instant();
            StepOutcome outcome;
            try {
                outcome = body.get();
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
            try {
                audit.record(RolloutAudit.of(id, reason, report, ended));
            } catch (RuntimeException e) {
                // a lost audit record must not leave the pair half rolled; the report still has it
                LOG.warnf(e, "rollout %s %s: audit record not written", id, step.label());
            }
            return outcome;
        }

        RolloutReport report(RolloutStatus status) {
            return new RolloutReport(
                    id, hash, status, steps, Duration.between(start, clock.instant()));
        }
    }
}
