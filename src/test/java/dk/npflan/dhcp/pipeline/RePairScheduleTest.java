package dk.npflan.dhcp.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import dk.npflan.dhcp.rollout.LoggingAuditSink;
import dk.npflan.dhcp.rollout.RolloutPause;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class RePairScheduleTest {

    /** A rollout that counts the re-pair checks it was asked for. */
    private static final class CountingRollout extends FakeConfigRollout {
        final AtomicInteger rePairs = new AtomicInteger();

        CountingRollout() {
            super(new LoggingAuditSink(new SimpleMeterRegistry()));
        }

        @Override
        public Optional<RolloutResult> rePair() {
            rePairs.incrementAndGet();
            return Optional.empty();
        }
    }

    @Test
    void healthyOrNot_eachPassAsksTheRolloutToRePair() {
        CountingRollout rollout = new CountingRollout();

        new RePairSchedule(rollout).check();

        assertThat(rollout.rePairs).hasValue(1);
    }

    @Test
    void pausedRollouts_noRePair_untilResumed() {
        CountingRollout rollout = new CountingRollout();
        RePairSchedule schedule = new RePairSchedule(rollout);
        rollout.control()
                .update(
                        c ->
                                c.withPause(
                                        Optional.of(
                                                new RolloutPause(Instant.EPOCH, "event freeze"))));

        schedule.check();
        assertThat(rollout.rePairs).hasValue(0);

        rollout.control().update(c -> c.withPause(Optional.empty()));
        schedule.check();
        assertThat(rollout.rePairs).hasValue(1);
    }
}
