package dk.npflan.dhcp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dk.npflan.dhcp.netbox.NetBoxSettings;
import dk.npflan.dhcp.netbox.SelectionMode;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The plain-Java settings path reads application.properties and defaults exactly like the service.
 * Every load here runs with a controlled environment, so a {@code NETBOX_URL} exported in the shell
 * that runs the build cannot change the outcome.
 */
class CommandConfigurationTest {

    private static NetBoxSettings settings(Map<String, String> overrides) {
        return settings(Map.of(), overrides);
    }

    private static NetBoxSettings settings(
            Map<String, String> environment, Map<String, String> overrides) {
        return CommandConfiguration.load(environment, overrides, NetBoxSettings.class)
                .getConfigMapping(NetBoxSettings.class);
    }

    @Test
    void nothingSet_defaultsApplyAndUrlAndTokenAreAbsent() {
        NetBoxSettings s = settings(Map.of());

        assertThat(s.url()).isEmpty();
        assertThat(s.token()).isEmpty();
        assertThat(s.pageSize()).isEqualTo(1000);
        assertThat(s.connectTimeout()).isEqualTo(Duration.ofSeconds(5));
        assertThat(s.retry().initialBackoff()).isEqualTo(Duration.ofMillis(500));
        assertThat(s.selection().mode()).isEqualTo(SelectionMode.TAG);
        assertThat(s.selection().tag()).isEqualTo("dhcp");
        assertThat(s.selection().statuses()).containsExactly("active");
    }

    @Test
    void netboxUrlAndTokenVariables_reachTheMappingThroughApplicationProperties() {
        NetBoxSettings s =
                settings(
                        Map.of(
                                "NETBOX_URL",
                                "https://netbox.example.org",
                                "NETBOX_TOKEN",
                                "nbt_x.y"));

        assertThat(s.url()).contains(URI.create("https://netbox.example.org"));
        assertThat(s.token()).contains("nbt_x.y");
    }

    @Test
    void roleSelection_listsAndEnumsParse() {
        NetBoxSettings s =
                settings(
                        Map.of(
                                "netbox-dhcpd.netbox.selection.mode",
                                "role",
                                "netbox-dhcpd.netbox.selection.roles",
                                "access,wireless",
                                "netbox-dhcpd.netbox.read-timeout",
                                "PT1M"));

        assertThat(s.selection().mode()).isEqualTo(SelectionMode.ROLE);
        assertThat(s.selection().roles()).contains(List.of("access", "wireless"));
        assertThat(s.readTimeout()).isEqualTo(Duration.ofMinutes(1));
    }

    @Test
    void environmentGiven_isTheOnlyEnvironmentRead() {
        NetBoxSettings s =
                settings(
                        Map.of(
                                "NETBOX_URL", "https://from-env.example.org",
                                "NETBOX_DHCPD_NETBOX_PAGE_SIZE", "50"),
                        Map.of());

        assertThat(s.url()).contains(URI.create("https://from-env.example.org"));
        assertThat(s.pageSize()).isEqualTo(50);
    }

    @Test
    void overrideWinsOverEnvironment() {
        NetBoxSettings s =
                settings(
                        Map.of("NETBOX_DHCPD_NETBOX_PAGE_SIZE", "50"),
                        Map.of("netbox-dhcpd.netbox.page-size", "70"));

        assertThat(s.pageSize()).isEqualTo(70);
    }

    @Test
    void valueThatDoesNotConvert_oneLineNamingPropertyAndEnvVar() {
        assertThatThrownBy(
                        () ->
                                settings(
                                        Map.of("NETBOX_DHCPD_NETBOX_CONNECT_TIMEOUT", "soon"),
                                        Map.of()))
                .isInstanceOf(SettingsException.class)
                .hasMessageStartingWith(
                        "netbox-dhcpd.netbox.connect-timeout (NETBOX_DHCPD_NETBOX_CONNECT_TIMEOUT): ")
                .hasMessageContaining("soon")
                .hasMessageNotContaining("\n");
    }

    @Test
    void envVarName_followsSmallRyesRule() {
        assertThat(CommandConfiguration.envVar("netbox-dhcpd.omapi.timeouts.connect"))
                .isEqualTo("NETBOX_DHCPD_OMAPI_TIMEOUTS_CONNECT");
    }
}
