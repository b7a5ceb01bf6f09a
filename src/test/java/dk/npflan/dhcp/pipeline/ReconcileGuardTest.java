package dk.npflan.dhcp.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import dk.npflan.dhcp.TestClock;
import dk.npflan.dhcp.rollout.RolloutControl;
import dk.npflan.dhcp.rollout.RolloutControlStore;
import dk.npflan.dhcp.rollout.RolloutPause;
import dk.npflan.dhcp.rollout.RolloutStatus;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * One reconcile's guard over a shared store, with a clock the test moves: what the roller asks
 * under its lock and what the guard writes there, as a second replica would read it.
 */
class ReconcileGuardTest {

    private final TestClock clock = new TestClock();
    private final RolloutControlStore store = RolloutControlStore.inMemory();
    private final FailureMemory memory =
            new FailureMemory(Duration.ofMinutes(30), Duration.ofHours(6));

    private ReconcileGuard guard(boolean force) {
        return new ReconcileGuard(store, memory, force, clock);
    }

    @Test
    void rolledBack_isWrittenToTheStore_andTheNextGuardRefusesItUnderTheLock() {
        ReconcileGuard first = guard(false);
        first.ended(FailureMemoryTest.report("a", RolloutStatus.ROLLED_BACK, true));

        assertThat(first.newlyHeld()).hasValueSatisfying(h -> assertThat(h.hash()).isEqualTo("a"));
        assertThat(store.read().held()).isPresent();
        assertThat(guard(false).refusal("a"))
                .hasValueSatisfying(r -> assertThat(r).contains("held after it rolled-back"));
        assertThat(guard(false).refusal("b")).isEmpty();
    }

    @Test
    void backoffElapsed_retriesOnce_andItsSecondFailureIsHeldForTwiceAsLong() {
        guard(false).ended(FailureMemoryTest.report("a", RolloutStatus.ROLLED_BACK, true));
        clock.advance(Duration.ofMinutes(29));
        assertThat(guard(false).admission("a")).isInstanceOf(RolloutAdmission.Held.class);

        clock.advance(Duration.ofMinutes(1));
        ReconcileGuard retry = guard(false);
        assertThat(retry.admission("a")).isInstanceOf(RolloutAdmission.Retry.class);
        assertThat(retry.refusal("a")).isEmpty();
        retry.ended(FailureMemoryTest.report("a", RolloutStatus.ROLLED_BACK, true));

        assertThat(guard(false).admission("a")).isInstanceOf(RolloutAdmission.Held.class);
        assertThat(store.read().held().get().failures()).isEqualTo(2);
        assertThat(store.read().held().get().retryAt())
                .isEqualTo(clock.instant().plus(Duration.ofHours(1)));
    }

    @Test
    void forcedRolloutThatCompletes_releasesTheHold() {
        guard(false).ended(FailureMemoryTest.report("a", RolloutStatus.ROLLED_BACK, true));
        ReconcileGuard forced = guard(true);

        assertThat(forced.refusal("a")).isEmpty();
        forced.ended(FailureMemoryTest.report("a", RolloutStatus.COMPLETED, true));

        assertThat(forced.released()).hasValueSatisfying(h -> assertThat(h.hash()).isEqualTo("a"));
        assertThat(forced.newlyHeld()).isEmpty();
        assertThat(store.read()).isEqualTo(RolloutControl.NONE);
    }

    @Test
    void pairRunsWhatNetBoxRendersAgain_releasesTheHoldOfAnotherHash_butNotOfThatHash() {
        guard(false).ended(FailureMemoryTest.report("a", RolloutStatus.ROLLED_BACK, true));

        assertThat(guard(false).supersede("a")).isEmpty();
        assertThat(store.read().held()).isPresent();
        assertThat(guard(false).supersede("old"))
                .hasValueSatisfying(h -> assertThat(h.hash()).isEqualTo("a"));
        assertThat(store.read().held()).isEmpty();
        assertThat(guard(false).supersede("old")).isEmpty();
    }

    @Test
    void pausedByAnotherReplicaMeanwhile_isRefusedUnderTheLock() {
        ReconcileGuard guard = guard(false);
        assertThat(guard.admission("a").admitted()).isTrue();

        store.update(c -> c.withPause(Optional.of(new RolloutPause(clock.instant(), "freeze"))));

        assertThat(guard.refusal("a"))
                .hasValueSatisfying(r -> assertThat(r).contains("rollouts are paused"));
    }

    @Test
    void storeFailingWhenTheOutcomeIsWritten_leavesTheRolloutsOutcomeAlone() {
        RolloutControlStore broken =
                new RolloutControlStore() {
                    @Override
                    public RolloutControl read() {
                        return RolloutControl.NONE;
                    }

                    @Override
                    public RolloutControl update(
                            java.util.function.UnaryOperator<RolloutControl> change) {
                        throw new IllegalStateException("history ConfigMap: 500");
                    }
                };
        ReconcileGuard guard = new ReconcileGuard(broken, memory, false, clock);

        guard.ended(FailureMemoryTest.report("a", RolloutStatus.ROLLED_BACK, true));

        assertThat(guard.newlyHeld()).isEmpty();
        assertThat(guard.released()).isEmpty();
    }
}
