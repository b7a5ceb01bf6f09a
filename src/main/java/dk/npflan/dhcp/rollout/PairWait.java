package dk.npflan.dhcp.rollout;

import dk.npflan.dhcp.time.Sleeper;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.function.Supplier;

/**
 * Polls the pair until a {@link PairCondition} is met, fails fast, or the timeout passes. Every
 * wait of the roller goes through here, so each has an explicit timeout and poll interval, and a
 * timed-out wait always says what it saw last.
 */
public final class PairWait {

    private final Clock clock;
    private final Sleeper sleeper;

    public PairWait(Clock clock, Sleeper sleeper) {
        this.clock = clock;
        this.sleeper = sleeper;
    }

    /** How a wait ended. */
    public sealed interface Result {

        /** The last observation polled. */
        PairObservation last();

        Duration took();

        record Met(PairObservation last, Duration took) implements Result {}

        record FailedFast(Verdict.FailFast verdict, PairObservation last, Duration took)
                implements Result {}

        record TimedOut(String lastWhy, PairObservation last, Duration took) implements Result {}

        /** Thrown out of a sleep; the interrupt flag is set again. */
        record Interrupted(PairObservation last, Duration took) implements Result {}
    }

    /**
     * Polls {@code observe} every {@code pollInterval} until {@code gate} is met or fails fast, at
     * most for {@code timeout} (at least one poll is always made).
     */
    public Result await(
            Supplier<PairObservation> observe,
            PairCondition gate,
            Duration timeout,
            Duration pollInterval) {
        return await(observe, gate, timeout, pollInterval, Duration.ZERO);
    }

    /**
     * As {@link #await(Supplier, PairCondition, Duration, Duration)}, but met only once the gate
     * has held on every poll for at least {@code stableFor}: a probe result cached from before a
     * restart, or a state that flaps, does not open the gate.
     */
    public Result await(
            Supplier<PairObservation> observe,
            PairCondition gate,
            Duration timeout,
            Duration pollInterval,
            Duration stableFor) {
        Instant start = clock.instant();
        Instant deadline = start.plus(timeout);
        Instant metSince = null;
        while (true) {
            PairObservation observed = observe.get();
            Verdict verdict = gate.evaluate(observed);
            Instant now = clock.instant();
            Duration took = Duration.between(start, now);
            if (verdict instanceof Verdict.FailFast failFast) {
                return new Result.FailedFast(failFast, observed, took);
            }
            if (verdict instanceof Verdict.Met) {
                metSince = metSince == null ? now : metSince;
                if (!Duration.between(metSince, now).minus(stableFor).isNegative()) {
                    return new Result.Met(observed, took);
                }
            } else {
                metSince = null;
            }
            if (!now.isBefore(deadline)) {
                String why =
                        verdict instanceof Verdict.NotYet notYet
                                ? notYet.why()
                                : "met for only "
                                        + Duration.between(metSince, now)
                                        + " of the "
                                        + stableFor
                                        + " it must hold";
                return new Result.TimedOut(why, observed, took);
            }
            Duration left = Duration.between(now, deadline);
            try {
                sleeper.sleep(left.compareTo(pollInterval) < 0 ? left : pollInterval);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return new Result.Interrupted(observed, took);
            }
        }
    }
}
