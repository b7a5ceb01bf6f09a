package dk.npflan.dhcp.rollout;

import dk.npflan.dhcp.config.PeerRole;
import java.util.Optional;

/**
 * The re-pair step: a peer that holds its partner's old address ({@link PartnerMove.Moved}) is
 * restarted in place, on the config it already runs, once its partner serves, and gated like any
 * restart (runs the hash, both normal, serving, stable) plus: it now holds the partner's current
 * address ({@link PartnerAddressCondition}). Whatever the role: this changes no config, so the
 * secondary-first order of config changes is not at stake, only that one peer serves while the
 * other restarts.
 */
final class RePair {

    private final RolloutTarget target;
    private final RolloutSettings settings;
    private final PairWait waits;
    private final PairObserver observer;
    private final PeerRestart restarts;

    RePair(
            RolloutTarget target,
            RolloutSettings settings,
            PairWait waits,
            PairObserver observer,
            PeerRestart restarts) {
        this.target = target;
        this.settings = settings;
        this.waits = waits;
        this.observer = observer;
        this.restarts = restarts;
    }

    /** Waits for the partner, decides again on a fresh poll, restarts the stale peer, gates. */
    StepOutcome run(RolloutLock.Held held) {
        PairWait.Result ready =
                waits.await(
                        observer::observe,
                        seen ->
                                PartnerMove.of(seen) instanceof PartnerMove.AwaitPartner waiting
                                        ? Verdict.notYet(
                                                waiting.why()
                                                        + " (the "
                                                        + waiting.stale().keyword()
                                                        + " holds "
                                                        + waiting.from()
                                                        + ", the partner is at "
                                                        + waiting.to()
                                                        + ")")
                                        : Verdict.MET,
                        settings.restartDeadline(),
                        settings.pollInterval());
        if (ready instanceof PairWait.Result.TimedOut timedOut) {
            return StepOutcome.retry(
                    StepReason.PARTNER_NOT_SERVING,
                    "re-pair: nothing restarted, "
                            + timedOut.lastWhy()
                            + " within "
                            + settings.restartDeadline()
                            + "; last seen: "
                            + ready.last().describe());
        }
        if (!(ready instanceof PairWait.Result.Met)) {
            return PeerRestart.interrupted(ready);
        }
        PartnerMove verdict = PartnerMove.of(ready.last());
        if (!(verdict instanceof PartnerMove.Moved moved)) {
            return StepOutcome.done(
                    StepReason.PARTNER_NOT_MOVED,
                    "nothing restarted: " + why(verdict) + "; " + ready.last().describe());
        }
        PeerRole stale = moved.stale();
        Optional<String> runs = ready.last().runningHash(stale);
        String subject =
                moved.describe()
                        + "; "
                        + stale.keyword()
                        + " restarted in place on "
                        + Hashes.brief(runs);
        if (runs.isEmpty()) {
            return StepOutcome.retry(
                    StepReason.PEER_UNREACHABLE,
                    subject + ": the " + stale.keyword() + " reports no running config");
        }
        if (!held.confirm()) {
            return StepOutcome.halt(StepReason.LOCK_LOST, "not restarting: " + subject);
        }
        RestartResult result;
        try {
            result = restarts.untilAccepted(() -> target.peer(stale).restartInPlace(runs.get()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return StepOutcome.halt(StepReason.INTERRUPTED, "while restarting: " + subject);
        }
        if (result instanceof RestartResult.Restarted
                || result instanceof RestartResult.AlreadyRunning) {
            return restarts.gate(
                            stale,
                            runs.get(),
                            subject,
                            StepReason.RE_PAIRED,
                            new PartnerAddressCondition(stale, moved.from()))
                    .asHalt();
        }
        if (PeerRestart.refused(result)) {
            return StepOutcome.retry(
                    StepReason.RESTART_REFUSED,
                    subject + ": still " + result + " after " + settings.restartDeadline());
        }
        if (result instanceof RestartResult.Unreachable unreachable) {
            return StepOutcome.retry(
                    StepReason.PEER_UNREACHABLE, subject + ": " + unreachable.error());
        }
        return StepOutcome.halt(StepReason.START_FAILED, subject + ": " + result);
    }

    private static String why(PartnerMove verdict) {
        return verdict instanceof PartnerMove.InPlace inPlace ? inPlace.why() : verdict.toString();
    }
}
