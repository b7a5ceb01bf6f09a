package dk.npflan.dhcp.rollout.local;

import static org.assertj.core.api.Assertions.assertThat;

import dk.npflan.dhcp.config.PeerRole;
import dk.npflan.dhcp.config.RenderedConfig;
import dk.npflan.dhcp.kea.HaMode;
import dk.npflan.dhcp.rollout.RolloutReport;
import dk.npflan.dhcp.rollout.RolloutStatus;
import dk.npflan.dhcp.rollout.RolloutStep;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;

/**
 * {@link KeaPairRollout} in hot-standby (the default mode): the change under load, then a bundle
 * that {@code kea-dhcp4 -t} accepts but that leaves the standby unready (its heartbeats to a port
 * nobody serves) is rolled back on the standby, and the primary never gets it.
 */
class KeaPairRolloutTest extends KeaPairRollout {

    KeaPairRolloutTest() {
        super(HaMode.HOT_STANDBY);
    }

    @Test
    @Order(2)
    void bundleThatLeavesTheStandbyUnready_isRolledBackThere_thePrimaryNeverGetsIt() {
        String good = target.published().orElseThrow().hash();
        // kea-dhcp4 -t takes it (it does not run the HA hook): the standby's heartbeats go to a
        // port nobody serves, so it never leaves waiting, answers nobody and is not ready
        RenderedConfig unready =
                bundle(
                        true,
                        Map.of(
                                "netbox-dhcpd.kea.peers.primary.url",
                                "http://" + pair.address(PeerRole.PRIMARY) + ":8001/"));

        RolloutReport report =
                roller().roll(unready, ZeroOutageScenario.metadata("primary's URL wrong"));

        System.out.println(report.summary());
        assertThat(report.status()).as(report.summary()).isEqualTo(RolloutStatus.ROLLED_BACK);
        assertThat(report.steps())
                .as("the primary is left alone")
                .noneMatch(s -> s.step() == RolloutStep.RESTART_PRIMARY);
        pair.awaitNormal(Duration.ofSeconds(60));
        assertThat(pair.agent(PeerRole.PRIMARY).state().runningHash()).contains(good);
        assertThat(pair.agent(PeerRole.SECONDARY).state().runningHash())
                .as("the standby runs the last good bundle again")
                .contains(good);
    }
}
