package dk.npflan.dhcp.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import dk.npflan.dhcp.TestClock;
import dk.npflan.dhcp.rollout.SubnetUtilization;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** The page takes the last pool reading at once and never waits for an agent. */
class PoolUsageCacheTest {

    private static final Instant T0 = Instant.parse("2026-12-07T02:10:00Z");

    /** Runs nothing until told: a read that has not finished. */
    private final List<Runnable> queued = new ArrayList<>();

    private final AtomicInteger asked = new AtomicInteger();

    private final ConfigRollout rollout =
            new NoTargetRollout() {
                @Override
                public List<PeerPoolUsage> poolUsage() {
                    asked.incrementAndGet();
                    return List.of(
                            new PeerPoolUsage(
                                    "primary",
                                    List.of(
                                            new SubnetUtilization("10.0.1.0/24", 0.2, 40, 200),
                                            new SubnetUtilization("10.0.2.0/24", 0.9, 180, 200)),
                                    Optional.empty()),
                            new PeerPoolUsage(
                                    "secondary",
                                    List.of(new SubnetUtilization("10.0.1.0/24", 0.25, 50, 200)),
                                    Optional.empty()));
                }
            };

    @Test
    void firstPageView_getsNothingAtOnceAndStartsOneRead() {
        PoolUsageCache cache = new PoolUsageCache(rollout, queued::add, clockAt(T0));

        assertThat(cache.current()).isEmpty();
        assertThat(cache.current()).isEmpty();

        assertThat(queued).as("one read at a time").hasSize(1);
        assertThat(asked).hasValue(0);
        queued.get(0).run();
        assertThat(cache.current()).map(PoolUsageCache.Reading::at).contains(T0);
    }

    @Test
    void readingOlderThanTenSeconds_isShownAndReadAgainInTheBackground() {
        TestClock clock = new TestClock();
        PoolUsageCache cache = new PoolUsageCache(rollout, Runnable::run, clock);
        cache.current();
        clock.advance(Duration.ofSeconds(5));
        cache.current();
        assertThat(asked).as("fresh: not asked again").hasValue(1);

        clock.advance(Duration.ofSeconds(6));

        assertThat(cache.current()).isPresent();
        assertThat(asked).hasValue(2);
    }

    @Test
    void bothPeersCountASubnet_theFullerCountIsShown_fullestSubnetFirst() {
        PoolUsageCache cache = new PoolUsageCache(rollout, Runnable::run, clockAt(T0));

        List<SubnetUtilization> rows = PoolUsageCache.bySubnet(cache.current().orElseThrow());

        assertThat(rows)
                .containsExactly(
                        new SubnetUtilization("10.0.2.0/24", 0.9, 180, 200),
                        new SubnetUtilization("10.0.1.0/24", 0.25, 50, 200));
    }

    @Test
    void thirtySubnets_statusListsTheTwentyFullestAndCountsTheRest() {
        List<SubnetUtilization> subnets = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
            subnets.add(new SubnetUtilization("10.0." + i + ".0/24", i / 30.0, i, 30));
        }
        PoolUsageCache.Reading reading =
                new PoolUsageCache.Reading(
                        T0,
                        List.of(
                                new PeerPoolUsage("primary", subnets, Optional.empty()),
                                PeerPoolUsage.unavailable("secondary", "agent unreachable")));

        Map<String, Object> pools = StatusView.pools(reading);

        @SuppressWarnings("unchecked")
        List<Map<String, Object>> rows = (List<Map<String, Object>>) pools.get("subnets");
        assertThat(rows).hasSize(20);
        assertThat(rows.get(0)).containsEntry("subnet", "10.0.29.0/24");
        assertThat(rows.get(19)).containsEntry("subnet", "10.0.10.0/24");
        assertThat(pools).containsEntry("more", 10).containsEntry("readAt", T0.toString());
        assertThat(pools.get("peers").toString()).contains("agent unreachable");
    }

    private static Clock clockAt(Instant at) {
        return Clock.fixed(at, ZoneOffset.UTC);
    }
}
