package dk.npflan.dhcp.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class EventCoalescerTest {

    private static final Instant T0 = Instant.parse("2026-12-01T08:00:00Z");
    private final EventCoalescer coalescer =
            new EventCoalescer(Duration.ofSeconds(3), Duration.ofSeconds(30));

    private static PendingEvent at(long millis) {
        return new PendingEvent(
                "ipam.prefix:1", "updated", "r", "u", T0.plusMillis(millis), () -> {});
    }

    @Test
    void nothingPending_isNeverDue() {
        assertThat(coalescer.dueAt()).isEmpty();
    }

    @Test
    void singleEvent_isDueAfterTheQuietPeriod() {
        coalescer.add(at(0));
        assertThat(coalescer.dueAt()).contains(T0.plusSeconds(3));
    }

    @Test
    void eventsWithinTheQuietPeriod_pushTheDueTimeBack() {
        coalescer.add(at(0));
        coalescer.add(at(2_000));
        coalescer.add(at(4_500));
        assertThat(coalescer.dueAt()).contains(T0.plusMillis(7_500));
    }

    @Test
    void constantTrickle_isDueAtTheMaximumDelayAfterTheFirstEvent() {
        for (long ms = 0; ms <= 40_000; ms += 1_000) {
            coalescer.add(at(ms));
        }
        assertThat(coalescer.dueAt()).contains(T0.plusSeconds(30));
    }

    @Test
    void drain_takesEveryEventAndResetsTheClock() {
        coalescer.add(at(0));
        coalescer.add(at(1_000));
        assertThat(coalescer.drain()).hasSize(2);
        assertThat(coalescer.size()).isZero();
        assertThat(coalescer.oldest()).isEmpty();
        coalescer.add(at(60_000));
        assertThat(coalescer.dueAt()).contains(T0.plusSeconds(63));
    }

    @Test
    void eventsPutBack_keepTheirArrivalAndAreDueAtOnce() {
        coalescer.add(at(0));
        var batch = coalescer.drain();
        coalescer.add(at(50_000));
        coalescer.addAll(batch);
        assertThat(coalescer.oldest()).contains(T0);
        assertThat(coalescer.dueAt()).contains(T0.plusSeconds(30));
    }
}
