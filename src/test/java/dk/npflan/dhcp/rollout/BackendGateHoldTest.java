package dk.npflan.dhcp.rollout;

import static org.assertj.core.api.Assertions.assertThat;

import dk.npflan.dhcp.CommandConfiguration;
import dk.npflan.dhcp.kea.KeaBackend;
import dk.npflan.dhcp.kea.KeaSettings;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A backend's own gate hold replaces {@code gate-stable-for} (Kea's agent gates its apply itself):
 * on the simulated pair and the fake clock, the Kea hold (0) opens each gate on the first poll that
 * meets it, while the configured hold keeps every gate the whole hold.
 */
class BackendGateHoldTest {

    @Test
    void keaBackendsHold_isZeroByDefault_andReplacesTheConfiguredOne() {
        KeaSettings kea =
                CommandConfiguration.load(Map.of(), KeaSettings.class)
                        .getConfigMapping(KeaSettings.class);
        RolloutSettings configured = TestSettings.standard();

        RolloutSettings rolling =
                KeaBackend.from(kea)
                        .gateStableFor()
                        .map(configured::withGateStableFor)
                        .orElse(configured);

        assertThat(rolling.gateStableFor()).isZero();
        assertThat(rolling.restartDeadline()).isEqualTo(configured.restartDeadline());
        assertThat(rolling.pollInterval()).isEqualTo(configured.pollInterval());
        assertThat(rolling.propagationDeadline()).isEqualTo(configured.propagationDeadline());
        assertThat(rolling.historySize()).isEqualTo(configured.historySize());
    }

    @Test
    void withoutAHold_eachRestartStepSavesTheGuardsAndTheGatesHold() {
        RollerFixture held = new RollerFixture();
        RolloutReport withHold = held.rollNew();
        RollerFixture unheld = new RollerFixture();
        unheld.settings = unheld.settings.withGateStableFor(Duration.ZERO);
        RolloutReport withoutHold = unheld.rollNew();

        Duration hold = held.settings.gateStableFor();
        for (RolloutStep step :
                new RolloutStep[] {RolloutStep.RESTART_SECONDARY, RolloutStep.RESTART_PRIMARY}) {
            assertThat(withHold.took(step).minus(withoutHold.took(step)))
                    .as("%s: the held run waited the guard's and the gate's hold on top", step)
                    .isGreaterThanOrEqualTo(hold.multipliedBy(2));
        }
        assertThat(withoutHold.status()).isEqualTo(RolloutStatus.COMPLETED);
        assertThat(unheld.restartedRoles())
                .containsExactly(
                        dk.npflan.dhcp.config.PeerRole.SECONDARY,
                        dk.npflan.dhcp.config.PeerRole.PRIMARY);
        unheld.assertNoRestartWithoutServingPartner();
    }
}
