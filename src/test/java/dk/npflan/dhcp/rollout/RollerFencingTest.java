package dk.npflan.dhcp.rollout;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * Fencing: the roller asks the lock's own record before every write and writes nothing once it no
 * longer names the run, although this process still believes it holds the lock (a GC pause or a
 * partition outlived the lease).
 */
class RollerFencingTest {

    private final RollerFixture f = new RollerFixture();

    /** Held as far as this process knows; its record confirms only the first {@code n} writes. */
    private static final class LockStaleAfter implements RolloutLock {
        private final RolloutLock inner = new InProcessRolloutLock();
        private final int confirmed;
        final AtomicInteger asked = new AtomicInteger();

        LockStaleAfter(int confirmed) {
            this.confirmed = confirmed;
        }

        @Override
        public Optional<Held> acquire(String holder, Duration wait) {
            return inner.acquire(holder, wait)
                    .map(
                            held ->
                                    new Held() {
                                        @Override
                                        public boolean isHeld() {
                                            return held.isHeld();
                                        }

                                        @Override
                                        public boolean confirm() {
                                            return asked.incrementAndGet() <= confirmed;
                                        }

                                        @Override
                                        public void close() {
                                            held.close();
                                        }
                                    });
        }

        @Override
        public Optional<String> holder() {
            return inner.holder();
        }
    }

    private RolloutReport rollWith(RolloutLock lock) {
        return f.rollNew(new Roller(f.target, lock, f.audit, f.settings, f.time, f.time));
    }

    @Test
    void lockStaleBeforeThePublish_haltsWithLockLost_nothingPublishedNothingRestarted() {
        RolloutReport report = rollWith(new LockStaleAfter(0));

        assertThat(report.status()).isEqualTo(RolloutStatus.HALTED);
        assertThat(report.failure().orElseThrow().outcome().reason())
                .isEqualTo(StepReason.LOCK_LOST);
        assertThat(f.target.published().orElseThrow().hash()).isEqualTo(f.oldHash());
        assertThat(f.pair.realRestarts()).isEmpty();
    }

    @Test
    void lockStaleAfterThePublish_restartsNoPeer_andRecordsNoLastGood() {
        LockStaleAfter lock = new LockStaleAfter(1);

        RolloutReport report = rollWith(lock);

        assertThat(report.status()).isEqualTo(RolloutStatus.HALTED);
        assertThat(report.failure().orElseThrow().outcome().reason())
                .isEqualTo(StepReason.LOCK_LOST);
        assertThat(f.target.published().orElseThrow().hash()).isEqualTo(f.newHash());
        assertThat(f.pair.realRestarts()).isEmpty();
        assertThat(f.target.lastGood().map(PublishedBundle::hash))
                .isNotEqualTo(Optional.of(f.newHash()));
        assertThat(lock.asked.get()).isGreaterThanOrEqualTo(2);
    }

    @Test
    void lockConfirmedThroughout_completes_askingBeforeEachWrite() {
        LockStaleAfter lock = new LockStaleAfter(Integer.MAX_VALUE);

        RolloutReport report = rollWith(lock);

        assertThat(report.status()).isEqualTo(RolloutStatus.COMPLETED);
        // publish, the secondary's apply, the primary's apply, the last-good record
        assertThat(lock.asked.get()).isGreaterThanOrEqualTo(4);
    }
}
