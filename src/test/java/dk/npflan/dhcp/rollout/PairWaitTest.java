package dk.npflan.dhcp.rollout;

import static dk.npflan.dhcp.rollout.PeerStates.healthy;
import static dk.npflan.dhcp.rollout.PeerStates.pair;
import static dk.npflan.dhcp.rollout.PeerStates.withFailover;
import static dk.npflan.dhcp.rollout.PeerStates.withProcess;
import static org.assertj.core.api.Assertions.assertThat;

import dk.npflan.dhcp.config.PeerRole;
import dk.npflan.dhcp.omapi.FailoverState;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/** The one wait loop: met, fail fast, timeout with the last observation, poll spacing. */
class PairWaitTest {

    private static final String A = "a".repeat(64);
    private static final PeerState P = healthy(PeerRole.PRIMARY, A);
    private static final PeerState S = healthy(PeerRole.SECONDARY, A);
    private static final PeerState S_STARTUP =
            withFailover(S, FailoverState.STARTUP, FailoverState.COMMUNICATIONS_INTERRUPTED);

    private final ManualTime time = new ManualTime();
    private final PairWait waits = new PairWait(time, time);
    private final List<Duration> polledAt = new ArrayList<>();

    private Supplier<PairObservation> script(PairObservation... observations) {
        var start = time.instant();
        int[] i = {0};
        return () -> {
            polledAt.add(Duration.between(start, time.instant()));
            return observations[Math.min(i[0]++, observations.length - 1)];
        };
    }

    @Test
    void metOnThirdPoll_returnsMetAfterTwoPollIntervals() {
        PairWait.Result result =
                waits.await(
                        script(pair(P, S_STARTUP), pair(P, S_STARTUP), pair(P, S)),
                        new BothNormalCondition(),
                        Duration.ofMinutes(2),
                        Duration.ofSeconds(1));

        assertThat(result).isInstanceOf(PairWait.Result.Met.class);
        assertThat(result.took()).isEqualTo(Duration.ofSeconds(2));
        assertThat(polledAt)
                .containsExactly(Duration.ZERO, Duration.ofSeconds(1), Duration.ofSeconds(2));
    }

    @Test
    void neverMet_timesOutAtTheDeadline_reportingTheLastObservation() {
        PairWait.Result result =
                waits.await(
                        script(pair(P, S_STARTUP)),
                        new BothNormalCondition(),
                        Duration.ofMillis(2500),
                        Duration.ofSeconds(1));

        assertThat(result).isInstanceOf(PairWait.Result.TimedOut.class);
        assertThat(((PairWait.Result.TimedOut) result).lastWhy())
                .isEqualTo("secondary failover startup/communications-interrupted");
        assertThat(result.last().describe())
                .contains("secondary: running=aaaaaaaaaaaa", "failover=startup");
        assertThat(result.took()).isEqualTo(Duration.ofMillis(2500));
        assertThat(polledAt)
                .as("the last sleep is cut to the deadline")
                .containsExactly(
                        Duration.ZERO,
                        Duration.ofSeconds(1),
                        Duration.ofSeconds(2),
                        Duration.ofMillis(2500));
    }

    @Test
    void failFastOnSecondPoll_endsLongBeforeTheDeadline() {
        PairWait.Result result =
                waits.await(
                        script(pair(P, S_STARTUP), pair(P, withProcess(S, false, true, false))),
                        PairCondition.allOf(
                                FailFastCondition.afterRestartOf(PeerRole.SECONDARY),
                                new BothNormalCondition()),
                        Duration.ofMinutes(2),
                        Duration.ofSeconds(1));

        assertThat(result).isInstanceOf(PairWait.Result.FailedFast.class);
        assertThat(((PairWait.Result.FailedFast) result).verdict().reason())
                .isEqualTo(StepReason.CRASH_LOOP);
        assertThat(result.took()).isEqualTo(Duration.ofSeconds(1));
    }

    @Test
    void stableFor_gateThatFlaps_isMetOnlyAfterHoldingContinuously() {
        PairWait.Result result =
                waits.await(
                        script(pair(P, S), pair(P, S_STARTUP), pair(P, S), pair(P, S), pair(P, S)),
                        new BothNormalCondition(),
                        Duration.ofMinutes(2),
                        Duration.ofSeconds(1),
                        Duration.ofSeconds(2));

        assertThat(result).isInstanceOf(PairWait.Result.Met.class);
        assertThat(result.took()).as("met at 2 s, held until 4 s").isEqualTo(Duration.ofSeconds(4));
    }

    @Test
    void stableFor_notHeldLongEnoughByTheDeadline_timesOutSayingSo() {
        PairWait.Result result =
                waits.await(
                        script(pair(P, S_STARTUP), pair(P, S)),
                        new BothNormalCondition(),
                        Duration.ofSeconds(3),
                        Duration.ofSeconds(1),
                        Duration.ofSeconds(5));

        assertThat(result).isInstanceOf(PairWait.Result.TimedOut.class);
        assertThat(((PairWait.Result.TimedOut) result).lastWhy())
                .isEqualTo("met for only PT2S of the PT5S it must hold");
    }

    @Test
    void zeroTimeout_pollsExactlyOnce() {
        PairWait.Result result =
                waits.await(
                        script(pair(P, S_STARTUP)),
                        new BothNormalCondition(),
                        Duration.ZERO,
                        Duration.ofSeconds(1));

        assertThat(result).isInstanceOf(PairWait.Result.TimedOut.class);
        assertThat(polledAt).hasSize(1);
    }

    @Test
    void interruptedWhileSleeping_returnsInterruptedAndKeepsTheFlag() {
        PairWait interrupting =
                new PairWait(
                        time,
                        d -> {
                            throw new InterruptedException();
                        });

        PairWait.Result result =
                interrupting.await(
                        script(pair(P, S_STARTUP)),
                        new BothNormalCondition(),
                        Duration.ofMinutes(1),
                        Duration.ofSeconds(1));

        assertThat(result).isInstanceOf(PairWait.Result.Interrupted.class);
        assertThat(Thread.interrupted()).isTrue();
    }
}
