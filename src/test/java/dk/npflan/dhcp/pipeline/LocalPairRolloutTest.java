package dk.npflan.dhcp.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import dk.npflan.dhcp.rollout.local.EmbeddedPair;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/**
 * The local target's behaviour before the pair is up and when it cannot start; the started pair
 * itself is {@code EmbeddedServeIT}'s (a real pair).
 */
class LocalPairRolloutTest {

    private static final RolloutRequest REQUEST =
            new RolloutRequest(null, Instant.EPOCH, List.of(), "r-1");

    private static LocalPairRollout rollout(Supplier<EmbeddedPair> start, Duration wait) {
        return new LocalPairRollout(
                start,
                pair -> {
                    throw new AssertionError("never started");
                },
                wait);
    }

    @Test
    void pairThatCannotStart_failsEveryRolloutSayingWhy_andStatusShowsItPerPeer() {
        LocalPairRollout rollout =
                rollout(
                        () -> {
                            throw new IllegalStateException("dhcpd not found on PATH");
                        },
                        Duration.ofSeconds(10));

        RolloutResult result = rollout.rollOut(REQUEST);

        assertThat(result).isInstanceOf(RolloutResult.Halted.class);
        assertThat(((RolloutResult.Halted) result).stop().text())
                .isEqualTo("the local failover pair did not start: dhcpd not found on PATH");
        assertThat(rollout.peers())
                .extracting(PeerStatus::role, p -> p.error().orElseThrow())
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple(
                                "primary",
                                "the local failover pair did not start: dhcpd not found on PATH"),
                        org.assertj.core.groups.Tuple.tuple(
                                "secondary",
                                "the local failover pair did not start: dhcpd not found on PATH"));
        assertThat(rollout.published()).isEmpty();
    }

    @Test
    void pairStillStarting_statusSaysSo_andARolloutPastTheWaitIsDeferred() throws Exception {
        CountDownLatch never = new CountDownLatch(1);
        LocalPairRollout rollout =
                rollout(
                        () -> {
                            try {
                                never.await();
                            } catch (InterruptedException e) {
                                Thread.currentThread().interrupt();
                            }
                            throw new IllegalStateException("stopped");
                        },
                        Duration.ofMillis(100));

        assertThat(rollout.peers())
                .allSatisfy(
                        p -> assertThat(p.error()).contains("the local failover pair is starting"));
        assertThat(rollout.peers()).noneMatch(PeerStatus::ready);
        RolloutResult result = rollout.rollOut(REQUEST);
        assertThat(result).isInstanceOf(RolloutResult.RetryLater.class);
        assertThat(((RolloutResult.RetryLater) result).stop().text())
                .isEqualTo("the local failover pair is not up after PT0.1S");
        never.countDown();
    }
}
