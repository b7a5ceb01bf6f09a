package dk.npflan.dhcp.kea.agent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dk.npflan.dhcp.agent.AgentLauncher;
import dk.npflan.dhcp.agent.AgentSettingsFixture;
import dk.npflan.dhcp.backend.BackendSettings;
import dk.npflan.dhcp.kea.KeaSettings;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The agent's settings with {@code netbox-dhcpd.backend=kea}: what a Kea agent needs, no more. */
class KeaAgentSettingsTest {

    private static Map<String, String> kea() {
        Map<String, String> settings = new HashMap<>();
        settings.put("netbox-dhcpd.backend", "kea");
        settings.put("netbox-dhcpd.agent.role", "primary");
        settings.put("netbox-dhcpd.agent.token-file", "/run/secrets/agent/token");
        settings.put("netbox-dhcpd.agent.probe-interface", "eth0");
        return settings;
    }

    @Test
    void keaBackend_needsNoOmapiKey_picksTheKeaKind_withTheDocumentedApplyDefaults() {
        AgentLauncher.AgentConfig config = load(kea());

        assertThat(config.kind().backend()).isEqualTo(BackendSettings.Kind.KEA);
        assertThat(config.kind()).isInstanceOf(KeaAgentKind.class);
        KeaSettings.Apply apply = config.settings().getConfigMapping(KeaSettings.class).apply();
        assertThat(apply.pollInterval()).isEqualTo(Duration.ofMillis(200));
        assertThat(apply.gateTimeout()).isEqualTo(Duration.ofSeconds(30));
        assertThat(apply.configWrite()).isFalse();
        assertThat(apply.offlineCheck()).as("the listener's kea-dhcp4 -t stands").isFalse();
    }

    @Test
    void dhcpdBackend_stillRequiresTheOmapiKey() {
        Map<String, String> settings = kea();
        settings.put("netbox-dhcpd.backend", "dhcpd");

        assertThatThrownBy(() -> load(settings))
                .hasMessageContaining("netbox-dhcpd.omapi.key-file is required");
    }

    @Test
    void controlSocketLongerThanAUnixSocketPath_andNonPositiveGateTimes_areProblemsNamingThem() {
        Map<String, String> settings = kea();
        settings.put("netbox-dhcpd.kea.control-socket", "/run/kea/" + "x".repeat(120));
        settings.put("netbox-dhcpd.kea.apply.gate-timeout", "PT0S");

        assertThatThrownBy(() -> load(settings))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("netbox-dhcpd.kea.control-socket is longer than 107 bytes")
                .hasMessageContaining("netbox-dhcpd.kea.apply.gate-timeout must be positive");
    }

    private static AgentLauncher.AgentConfig load(Map<String, String> settings) {
        return AgentSettingsFixture.load(settings);
    }
}
