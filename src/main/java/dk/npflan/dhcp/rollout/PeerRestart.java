package dk.npflan.dhcp.rollout;

import dk.npflan.dhcp.config.PeerRole;
import dk.npflan.dhcp.peer.PeerHealth;
import dk.npflan.dhcp.time.Sleeper;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Steps 4 and 5 for one peer: the guard (the other peer serves; the primary only onto what the
 * secondary runs or the last good bundle; the lock still held), the restart through the agent, and
 * the gate (runs the hash, both normal, serving, stable), with fail-fast. Also the same gate for a
 * pair found already on one hash by a repair.
 */
final class PeerRestart {

    private final RolloutTarget target;
    private final RolloutSettings settings;
    private final PairWait waits;
    private final PairObserver observer;
    private final Clock clock;
    private final Sleeper sleeper;

    PeerRestart(
            RolloutTarget target,
            RolloutSettings settings,
            PairWait waits,
            PairObserver observer,
            Clock clock,
            Sleeper sleeper) {
        this.target = target;
        this.settings = settings;
        this.waits = waits;
        this.observer = observer;
        this.clock = clock;
        this.sleeper = sleeper;
    }

    /**
     * Steps 4 and 5 for a config change: the pair normal and stable with the other peer serving
     * ({@link RestartAllowedCondition}), then restart and gate.
     */
    StepOutcome restart(RolloutLock.Held held, PeerRole role, String hash) {
        return restart(
                held,
                role,
                hash,
                new RestartAllowedCondition(role, hash),
                settings.gateStableFor());
    }

    /**
     * A rollback's bring-back of {@code role}: only the other peer must serve. The pair is rarely
     * normal here (the peer being brought back is usually the one that broke it), and bringing it
     * back is the remedy.
     */
    StepOutcome bringBack(RolloutLock.Held held, PeerRole role, String hash) {
        PeerRole other = role == PeerRole.PRIMARY ? PeerRole.SECONDARY : PeerRole.PRIMARY;
        return restart(held, role, hash, new ServingCondition(other), Duration.ZERO);
    }

    private StepOutcome restart(
            RolloutLock.Held held,
            PeerRole role,
            String hash,
            PairCondition allowed,
            Duration stableFor) {
        PeerRole other = role == PeerRole.PRIMARY ? PeerRole.SECONDARY : PeerRole.PRIMARY;
        String subject = role.keyword() + " onto " + Hashes.brief(hash);

        PairWait.Result guard =
                waits.await(
                        observer::observe,
                        allowed,
                        settings.restartDeadline(),
                        settings.pollInterval(),
                        stableFor);
        if (guard instanceof PairWait.Result.TimedOut timedOut) {
            boolean otherServes =
                    new ServingCondition(other).evaluate(guard.last()) instanceof Verdict.Met;
            if (otherServes) {
                return StepOutcome.retry(
                        StepReason.PAIR_NOT_NORMAL,
                        "not restarting "
                                + subject
                                + ": "
                                + timedOut.lastWhy()
                                + " (not normal/normal for "
                                + settings.gateStableFor()
                                + " within "
                                + settings.restartDeadline()
                                + "); nothing restarted in this step; last seen: "
                                + guard.last().describe());
            }
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
        if (!held.confirm()) {
            return StepOutcome.halt(StepReason.LOCK_LOST, "not restarting " + subject);
        }

        RestartResult result;
        try {
            result = untilAccepted(() -> target.peer(role).restart(hash));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return StepOutcome.halt(StepReason.INTERRUPTED, "while restarting " + subject);
        }
        if (refused(result)) {
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
        return gate(
                role, hash, subject, restarted ? StepReason.RESTARTED : StepReason.ALREADY_ON_HASH);
    }

    /**
     * 4c/5c: {@code role} runs {@code hash}, both peers normal, {@code role} serves, held stable.
     */
    StepOutcome gate(PeerRole role, String hash, String subject, StepReason metReason) {
        return gate(role, hash, subject, metReason, observed -> Verdict.MET);
    }

    /** {@link #gate} with one more condition. */
    StepOutcome gate(
            PeerRole role, String hash, String subject, StepReason metReason, PairCondition also) {
        PairCondition whole =
                PairCondition.allOf(
                        FailFastCondition.afterRestartOf(role),
                        also,
                        new RunningHashCondition(role, hash),
                        new BothNormalCondition(),
                        new ServingCondition(role));
        Supplier<PairWait.Result> await =
                () ->
                        waits.await(
                                observer::observe,
                                whole,
                                settings.restartDeadline(),
                                settings.pollInterval(),
                                settings.gateStableFor());
        PairWait.Result gate = await.get();
        if (gate instanceof PairWait.Result.TimedOut && syncing(gate.last())) {
            // startup, potential-conflict, conflict-done …: the pair is on its way to normal, and a
            // rollback restart now would interrupt the conflict resolution: one more deadline
            gate = await.get();
        }
        return outcomeOf(gate, subject, metReason);
    }

    /** A peer is in a transitional failover state ({@link PeerHealth#SYNCING}). */
    private static boolean syncing(PairObservation seen) {
        return seen.peers().stream()
                .anyMatch(p -> p.state().filter(s -> s.localIs(PeerHealth.SYNCING)).isPresent());
    }

    /**
     * Asks for the restart until the agent accepts or rejects it, or the deadline passes; "in
     * progress", "hash mismatch" and "unreachable" are asked again.
     */
    RestartResult untilAccepted(Supplier<RestartResult> restart) throws InterruptedException {
        Instant deadline = clock.instant().plus(settings.restartDeadline());
        while (true) {
            RestartResult result = restart.get();
            // Unreachable too: the agent restarts idempotently by hash, and a pod lookup during
            // an API server outage is not a dead agent
            boolean askAgain = refused(result) || result instanceof RestartResult.Unreachable;
            if (!askAgain || !clock.instant().isBefore(deadline)) {
                return result;
            }
            sleeper.sleep(settings.pollInterval());
        }
    }

    /** The agent left its server untouched for a reason that may pass: asked again. */
    static boolean refused(RestartResult result) {
        return result instanceof RestartResult.InProgress
                || result instanceof RestartResult.HashMismatch
                || result instanceof RestartResult.Refused;
    }

    /** Both peers run {@code hash}: only a healthy pair makes it the last good. */
    StepOutcome verifyBoth(String hash) {
        PairWait.Result gate =
                waits.await(
                        observer::observe,
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
        return outcomeOf(gate, "both peers on " + Hashes.brief(hash), StepReason.ALREADY_ON_HASH);
    }

    /** The step outcome of a gate wait. */
    private StepOutcome outcomeOf(PairWait.Result gate, String subject, StepReason metReason) {
        if (gate instanceof PairWait.Result.Met) {
            return StepOutcome.done(
                    metReason,
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

    static StepOutcome interrupted(PairWait.Result waited) {
        return StepOutcome.halt(
                StepReason.INTERRUPTED, "while waiting; last seen: " + waited.last().describe());
    }

    private boolean lastGoodIs(String hash) {
        return target.lastGood().map(PublishedBundle::hash).filter(hash::equals).isPresent();
    }
}
