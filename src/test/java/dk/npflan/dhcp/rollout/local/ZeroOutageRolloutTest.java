package dk.npflan.dhcp.rollout.local;

import static org.assertj.core.api.Assertions.assertThat;

import dk.npflan.dhcp.config.PeerRole;
import dk.npflan.dhcp.rollout.ClientLoad;
import dk.npflan.dhcp.rollout.PeerState;
import dk.npflan.dhcp.rollout.RolloutReport;
import dk.npflan.dhcp.rollout.RolloutStatus;
import dk.npflan.dhcp.rollout.RolloutStep;
import dk.npflan.dhcp.rollout.StepReport;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The project's headline at CI size: the local pair with 1,000 /24 pools, clients through a relay
 * (one exchange every 200 ms, new and rebooting, 10 s deadline) while the roller rolls out a bundle
 * that adds a subnet. The full size (10,000 pools) and the restart-both comparison are {@code
 * ZeroOutageBenchmark}. Run under the lab lock.
 */
@Tag("netns")
@Tag("slow")
class ZeroOutageRolloutTest {

    @Test
    void rolloutAddingASubnet_underClientLoad_failsNoExchange_secondaryFirst_bothServeIt()
            throws Exception {
        try (ZeroOutageScenario scenario =
                ZeroOutageScenario.start(1_000, 30, Duration.ofSeconds(120))) {
            String hashBefore = scenario.target().published().orElseThrow().hash();

            ZeroOutageScenario.Run run = scenario.rollout(Duration.ofSeconds(3));

            RolloutReport report = run.report().orElseThrow();
            System.out.println(report.summary());
            System.out.println("client load: " + run.load());
            run.load().failures().forEach(f -> System.out.println("FAILED " + f));
            assertThat(report.status()).as(report.summary()).isEqualTo(RolloutStatus.COMPLETED);
            assertThat(report.hash()).isNotEqualTo(hashBefore);
            StepReport secondary = ZeroOutageScenario.step(report, RolloutStep.RESTART_SECONDARY);
            StepReport primary = ZeroOutageScenario.step(report, RolloutStep.RESTART_PRIMARY);
            Instant secondaryDone = secondary.startedAt().plus(secondary.took());
            assertThat(secondaryDone).isBefore(primary.startedAt());
            assertThat(run.load().total()).isGreaterThan(20);
            assertThat(run.load().failures()).isEmpty();
            for (PeerRole role : PeerRole.values()) {
                PeerState state = scenario.pair().agent(role).state();
                assertThat(state.runningHash()).contains(report.hash());
                ClientLoad.Summary added = scenario.servesAdded(role, Duration.ofSeconds(2));
                System.out.println("new subnet via " + role.keyword() + ": " + added);
                assertThat(added.total()).isPositive();
                assertThat(added.failures()).isEmpty();
                assertThat(added.answeredBy()).containsOnlyKeys(scenario.pair().address(role));
            }
        }
    }
}
