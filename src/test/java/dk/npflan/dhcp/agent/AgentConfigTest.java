package dk.npflan.dhcp.agent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dk.npflan.dhcp.config.Ipv4Address;
import dk.npflan.dhcp.config.PeerRole;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class AgentConfigTest {

    private static Map<String, String> valid() {
        Map<String, String> settings = new HashMap<>();
        settings.put("netbox-dhcpd.agent.role", "secondary");
        settings.put("netbox-dhcpd.agent.token-file", "/run/secrets/agent/token");
        settings.put("netbox-dhcpd.omapi.key-file", "/run/secrets/omapi/omapi.key");
        settings.put("netbox-dhcpd.dhcpd.interface", "eth0");
        return settings;
    }

    @Test
    void defaults_documentedValues() {
        AgentLauncher.AgentConfig config = load(valid());

        assertThat(config.agent().port()).isEqualTo(8067);
        assertThat(config.agent().role()).isEqualTo(PeerRole.SECONDARY);
        assertThat(config.agent().readyCache()).isEqualTo(Duration.ofSeconds(2));
        assertThat(config.runDirectory().dir()).isEqualTo(Path.of("/etc/dhcp"));
        assertThat(config.runDirectory().failoverInclude())
                .isEqualTo(Path.of("/etc/dhcp/failover/dhcpd.failover"));
        assertThat(config.probeInterface()).isEqualTo("eth0");
        assertThat(config.policy().crashLoopThreshold()).isEqualTo(3);
    }

    @Test
    void serverIdentifierOfItsOwnRole_isWhatTheProbeExpects_unsetByDefault() {
        Map<String, String> settings = valid();
        settings.put("netbox-dhcpd.config.failover.primary.server-identifier", "10.96.6.1");
        settings.put("netbox-dhcpd.config.failover.secondary.server-identifier", "10.96.6.2");

        assertThat(load(settings).serverIdentifier()).hasValue(Ipv4Address.of("10.96.6.2"));
        assertThat(load(valid()).serverIdentifier()).isEmpty();
    }

    @Test
    void serverIdentifierNotAnAddress_isAProblemNamingTheProperty() {
        Map<String, String> settings = valid();
        settings.put("netbox-dhcpd.config.failover.secondary.server-identifier", "dhcp-secondary");

        assertThatThrownBy(() -> load(settings))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(
                        "netbox-dhcpd.config.failover.secondary.server-identifier: not an IPv4"
                                + " address: dhcp-secondary");
    }

    @Test
    void quarkusStyleDurations_accepted() {
        Map<String, String> settings = valid();
        settings.put("netbox-dhcpd.agent.ready-cache", "500ms");

        assertThat(load(settings).agent().readyCache()).isEqualTo(Duration.ofMillis(500));
    }

    @Test
    void missingSecretsAndInterface_everyProblemListed() {
        Map<String, String> settings = new HashMap<>();
        settings.put("netbox-dhcpd.agent.role", "primary");

        assertThatThrownBy(() -> load(settings))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("netbox-dhcpd.omapi.key-file is required")
                .hasMessageContaining("netbox-dhcpd.agent.token-file is required")
                .hasMessageContaining("probe-interface");
    }

    @Test
    void includePathOutsideTheRunDirectory_rejected() {
        Map<String, String> settings = valid();
        settings.put("netbox-dhcpd.config.failover-include", "/srv/failover/dhcpd.failover");

        assertThatThrownBy(() -> load(settings))
                .hasMessageContaining("/srv/failover/dhcpd.failover")
                .hasMessageContaining("inside the run directory");
    }

    @Test
    void missingRole_rejected() {
        Map<String, String> settings = valid();
        settings.remove("netbox-dhcpd.agent.role");

        assertThatThrownBy(() -> load(settings)).hasMessageContaining("netbox-dhcpd.agent.role");
    }

    private static AgentLauncher.AgentConfig load(Map<String, String> settings) {
        return AgentSettingsFixture.load(settings);
    }
}
