package dk.npflan.dhcp.rollout;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** One rollout at a time: the in-JVM lock, and two rollers racing over one pair. */
class RolloutLockTest {

    @Test
    void inProcessLock_secondAcquireWaitsThenRefuses_andNamesTheHolder() {
        InProcessRolloutLock lock = new InProcessRolloutLock();

        Optional<RolloutLock.Held> first = lock.acquire("rollout-a", Duration.ZERO);
        Optional<RolloutLock.Held> second = lock.acquire("rollout-b", Duration.ofMillis(20));

        assertThat(first).isPresent();
        assertThat(second).isEmpty();
        assertThat(lock.holder()).hasValue("rollout-a");
    }

    @Test
    void inProcessLock_releasedOnce_isFreeAgain_closeIsIdempotent() {
        InProcessRolloutLock lock = new InProcessRolloutLock();
        RolloutLock.Held held = lock.acquire("rollout-a", Duration.ZERO).orElseThrow();

        held.close();
        held.close();

        assertThat(held.isHeld()).isFalse();
        assertThat(lock.holder()).isEmpty();
        Optional<RolloutLock.Held> again = lock.acquire("rollout-b", Duration.ZERO);
        assertThat(again).isPresent();
        assertThat(lock.acquire("rollout-c", Duration.ZERO))
                .as("a double close must not free a second permit")
                .isEmpty();
    }

    @Test
    void twoRollersRacing_secondRefusesWithLockHeld_firstCompletes() throws Exception {
        RollerFixture f = new RollerFixture();
        Gate gate = Gate.inSecondaryRestart(f);
        Roller first = f.roller();
        RecordingAuditSink secondAudit = new RecordingAuditSink();
        Roller second = f.roller(secondAudit);

        CompletableFuture<RolloutReport> running =
                CompletableFuture.supplyAsync(() -> f.rollNew(first));
        assertThat(gate.entered.await(10, TimeUnit.SECONDS)).isTrue();
        RolloutReport refused =
                second.roll(
                        "rollout-2",
                        RollerFixture.bundle("newer"),
                        new PublishMetadata(f.time.instant(), List.of("req-2")));
        gate.open(f);
        RolloutReport completed = running.get(10, TimeUnit.SECONDS);

        assertThat(refused.status()).isEqualTo(RolloutStatus.RETRY_LATER);
        assertThat(refused.failure().get().outcome().reason()).isEqualTo(StepReason.LOCK_HELD);
        assertThat(refused.failure().get().outcome().detail()).contains("held by rollout-1");
        assertThat(secondAudit.steps()).containsExactly("lock");
        assertThat(completed.status()).isEqualTo(RolloutStatus.COMPLETED);
        assertThat(f.target.publishes()).containsExactly(f.newHash());
    }

    @Test
    void sameRollerCalledTwiceConcurrently_secondRefusedInProcess() throws Exception {
        RollerFixture f = new RollerFixture();
        Gate gate = Gate.inSecondaryRestart(f);
        Roller roller = f.roller();

        CompletableFuture<RolloutReport> running =
                CompletableFuture.supplyAsync(() -> f.rollNew(roller));
        assertThat(gate.entered.await(10, TimeUnit.SECONDS)).isTrue();
        RolloutReport refused = roller.repair("repair-1");
        gate.open(f);

        assertThat(refused.status()).isEqualTo(RolloutStatus.RETRY_LATER);
        assertThat(refused.failure().get().outcome().detail()).contains("in this process");
        assertThat(running.get(10, TimeUnit.SECONDS).status()).isEqualTo(RolloutStatus.COMPLETED);
    }

    /** Holds the first roller inside the secondary's restart until opened. */
    private record Gate(CountDownLatch entered, CountDownLatch release) {

        static Gate inSecondaryRestart(RollerFixture f) {
            Gate gate = new Gate(new CountDownLatch(1), new CountDownLatch(1));
            f.pair.secondary().beforeRestart =
                    () -> {
                        gate.entered.countDown();
                        await(gate.release);
                    };
            return gate;
        }

        void open(RollerFixture f) {
            f.pair.secondary().beforeRestart = () -> {};
            release.countDown();
        }
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
