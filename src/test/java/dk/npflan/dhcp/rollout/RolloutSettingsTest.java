package dk.npflan.dhcp.rollout;

import static org.assertj.core.api.Assertions.assertThat;

import dk.npflan.dhcp.CommandConfiguration;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The rollout settings load without CDI, with their documented defaults and ISO-8601 overrides. */
class RolloutSettingsTest {

    private static RolloutSettings load(Map<String, String> overrides) {
        return CommandConfiguration.load(overrides, RolloutSettings.class)
                .getConfigMapping(RolloutSettings.class);
    }

    @Test
    void defaults_areTheDocumentedValues() {
        RolloutSettings settings = load(Map.of());

        assertThat(settings.propagationDeadline()).isEqualTo(Duration.ofMinutes(3));
        assertThat(settings.restartDeadline()).isEqualTo(Duration.ofMinutes(2));
        assertThat(settings.pollInterval()).isEqualTo(Duration.ofSeconds(1));
        assertThat(settings.gateStableFor()).isEqualTo(Duration.ofSeconds(3));
        assertThat(settings.lockWait()).isEqualTo(Duration.ofSeconds(30));
        assertThat(settings.historySize()).isEqualTo(5);
    }

    @Test
    void isoDurations_override() {
        RolloutSettings settings =
                load(
                        Map.of(
                                "netbox-dhcpd.rollout.restart-deadline", "PT5M",
                                "netbox-dhcpd.rollout.poll-interval", "PT0.5S"));

        assertThat(settings.restartDeadline()).isEqualTo(Duration.ofMinutes(5));
        assertThat(settings.pollInterval()).isEqualTo(Duration.ofMillis(500));
    }
}
