package dk.npflan.dhcp.rollout;

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
        Instant start = clock.instant();
        Instant deadline = start.plus(timeout);
        while (true) {
            PairObservation observed = observe.get();
            Verdict verdict = gate.evaluate(observed);
            Instant now = clock.instant();
            Duration took = Duration.between(start, now);
            if (verdict instanceof Verdict.Met) {
                return new Result.Met(observed, took);
            }
            if (verdict instanceof Verdict.FailFast failFast) {
                return new Result.FailedFast(failFast, observed, took);
            }
            if (!now.isBefore(deadline)) {
                return new Result.TimedOut(((Verdict.NotYet) verdict).why(), observed, took);
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
