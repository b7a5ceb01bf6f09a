package dk.npflan.dhcp.agent;

import static org.assertj.core.api.Assertions.assertThat;

import dk.npflan.dhcp.TestClock;
import dk.npflan.dhcp.probe.ProbeFailure;
import dk.npflan.dhcp.probe.ProbeOutcome;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

class CachedReadinessTest {

    private final TestClock clock = new TestClock();
    private final AtomicInteger probes = new AtomicInteger();
    private final List<ProbeOutcome> observed = new ArrayList<>();
    private final AtomicReference<Object> epoch = new AtomicReference<>("run-1");
    private final CachedReadiness readiness =
            new CachedReadiness(
                    () -> {
                        probes.incrementAndGet();
                        return new ProbeOutcome.NotReady(
                                ProbeFailure.TIMEOUT,
                                "no offer",
                                java.util.Optional.empty(),
                                Duration.ofMillis(5));
                    },
                    Duration.ofSeconds(2),
                    clock,
                    observed::add,
                    epoch::get);

    @Test
    void withinTheCachePeriod_oneExchangeServesEveryCaller() {
        readiness.read();
        clock.advance(Duration.ofMillis(1999));
        readiness.read();

        assertThat(probes).hasValue(1);
        assertThat(observed).hasSize(1);
    }

    @Test
    void afterTheCachePeriod_probesAgain() {
        readiness.read();
        clock.advance(Duration.ofSeconds(2));
        readiness.read();

        assertThat(probes).hasValue(2);
    }

    @Test
    void dhcpdRestarted_cachedReadingOfTheOldRunNotReused() {
        readiness.read();
        epoch.set("run-2");

        assertThat(readiness.peek()).isEmpty();
        readiness.read();

        assertThat(probes.get()).isGreaterThanOrEqualTo(2);
    }

    @Test
    void peek_freshReading_returnedWithoutProbing() {
        readiness.read();

        assertThat(readiness.peek())
                .hasValueSatisfying(r -> assertThat(r.result()).isEqualTo("TIMEOUT"));
        assertThat(probes).hasValue(1);
    }
}
