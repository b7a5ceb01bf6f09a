package dk.npflan.dhcp.omapi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dk.npflan.dhcp.CommandConfiguration;
import dk.npflan.dhcp.SettingsException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class OmapiSettingsTest {

    @Test
    void nothingSet_givesDhcpdPortAndDefaultTimeouts_andNoKey() {
        OmapiSettings settings = load(Map.of());
        assertThat(settings.port()).isEqualTo(7911);
        assertThat(settings.keyFile()).isEmpty();
        assertThat(settings.omapiTimeouts()).isEqualTo(OmapiTimeouts.DEFAULT);
    }

    @Test
    void overrides_areTyped() {
        OmapiSettings settings =
                load(
                        Map.of(
                                "netbox-dhcpd.omapi.port", "7912",
                                "netbox-dhcpd.omapi.key-file", "/run/secrets/omapi/omapi.key",
                                "netbox-dhcpd.omapi.timeouts.exchange", "PT0.5S"));
        assertThat(settings.port()).isEqualTo(7912);
        assertThat(settings.keyFile()).contains(Path.of("/run/secrets/omapi/omapi.key"));
        assertThat(settings.omapiTimeouts().exchange()).isEqualTo(Duration.ofMillis(500));
    }

    @Test
    void renderersOmapiPortSet_clientsFollowIt_unlessTheirOwnIsSet() {
        assertThat(load(Map.of("netbox-dhcpd.config.omapi.port", "7913")).port()).isEqualTo(7913);
        assertThat(
                        load(Map.of(
                                        "netbox-dhcpd.config.omapi.port", "7913",
                                        "netbox-dhcpd.omapi.port", "7914"))
                                .port())
                .isEqualTo(7914);
    }

    @Test
    void portOutOfRange_failsAtLoadNamingPropertyAndEnvVar() {
        assertThatThrownBy(() -> load(Map.of("netbox-dhcpd.omapi.port", "70000")))
                .isInstanceOf(SettingsException.class)
                .hasMessageStartingWith("netbox-dhcpd.omapi.port (NETBOX_DHCPD_OMAPI_PORT): ")
                .hasMessageContaining("from 1 to 65535")
                .hasMessageNotContaining("\n");
    }

    private static OmapiSettings load(Map<String, String> properties) {
        return CommandConfiguration.load(Map.of(), properties, OmapiSettings.class)
                .getConfigMapping(OmapiSettings.class);
    }
}
