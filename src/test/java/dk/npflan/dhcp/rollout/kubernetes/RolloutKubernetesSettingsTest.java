package dk.npflan.dhcp.rollout.kubernetes;

import static org.assertj.core.api.Assertions.assertThat;

import dk.npflan.dhcp.rollout.RolloutSettings;
import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfig;
import io.smallrye.config.SmallRyeConfigBuilder;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RolloutKubernetesSettingsTest {

    /** Strict like Quarkus: unknown properties under a mapped prefix fail. */
    private static SmallRyeConfig strict(Map<String, String> properties) {
        return new SmallRyeConfigBuilder()
                .withMapping(RolloutSettings.class)
                .withMapping(RolloutKubernetesSettings.class)
                .withValidateUnknown(true)
                .withSources(new PropertiesConfigSource(properties, "test", 500))
                .build();
    }

    @Test
    void defaults_matchTheManifestsAndTheContract() {
        RolloutKubernetesSettings settings =
                strict(Map.of()).getConfigMapping(RolloutKubernetesSettings.class);

        assertThat(settings.namespace()).isEmpty();
        assertThat(settings.configMap()).isEqualTo("dhcpd-config");
        assertThat(settings.historyConfigMap()).isEqualTo("dhcpd-config-history");
        assertThat(settings.restartMode()).isEqualTo(RestartMode.IN_PLACE);
        assertThat(settings.pods().selector()).isEqualTo("app.kubernetes.io/name=dhcpd");
        assertThat(settings.pods().roleLabel()).isEqualTo("netbox-dhcpd.npflan.dk/role");
        assertThat(settings.agent().port()).isEqualTo(8067);
        assertThat(settings.agent().tokenFile()).isEmpty();
        assertThat(settings.lease().name()).isEqualTo("netbox-dhcpd-rollout");
        assertThat(settings.lease().leaseDuration()).isEqualTo(Duration.ofSeconds(15));
        assertThat(settings.rolloutRestart().timeout()).isEqualTo(Duration.ofMinutes(10));
    }

    @Test
    void nestedUnderTheRollersPrefix_bothMappingsLoadUnderStrictValidation() {
        SmallRyeConfig config =
                strict(
                        Map.of(
                                "netbox-dhcpd.rollout.poll-interval", "PT0.5S",
                                "netbox-dhcpd.rollout.kubernetes.restart-mode", "rollout-restart",
                                "netbox-dhcpd.rollout.kubernetes.agent.token-file", "/run/token",
                                "netbox-dhcpd.rollout.kubernetes.publish.max-attempts", "7"));

        RolloutKubernetesSettings settings =
                config.getConfigMapping(RolloutKubernetesSettings.class);
        assertThat(settings.restartMode()).isEqualTo(RestartMode.ROLLOUT_RESTART);
        assertThat(settings.agent().tokenFile()).contains(Path.of("/run/token"));
        assertThat(settings.publish().maxAttempts()).isEqualTo(7);
        assertThat(config.getConfigMapping(RolloutSettings.class).pollInterval())
                .isEqualTo(Duration.ofMillis(500));
    }

    @Test
    void podSelector_parsesKeyValueTerms() {
        assertThat(DhcpdPodLocator.parseSelector("app.kubernetes.io/name=dhcpd, tier = edge"))
                .containsExactly(
                        Map.entry("app.kubernetes.io/name", "dhcpd"), Map.entry("tier", "edge"));
    }
}
