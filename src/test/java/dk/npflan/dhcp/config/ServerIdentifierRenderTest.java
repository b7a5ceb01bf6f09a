package dk.npflan.dhcp.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dk.npflan.dhcp.TestSettings;
import dk.npflan.dhcp.dhcpd.SyntaxCheck;
import dk.npflan.dhcp.validate.ConfigBuild;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * {@code server-identifier} (option 54) per role: absent unless set, so the default bundle is what
 * it always was; when set, each role's failover include names its own address and dhcpd accepts it.
 */
class ServerIdentifierRenderTest {

    private static final Map<String, String> SERVICE_IPS =
            Map.of(
                    "netbox-dhcpd.config.failover.primary.server-identifier", "10.96.6.1",
                    "netbox-dhcpd.config.failover.secondary.server-identifier", "10.96.6.2");

    @Test
    void unset_noIncludeOrConfigNamesAServerIdentifier() {
        RenderedConfig rendered = render(TestSettings.dhcpd());

        assertThat(rendered.files().values()).noneMatch(f -> f.contains("server-identifier"));
    }

    @Test
    void setPerRole_eachRolesIncludeCarriesItsOwnAddressBeforeTheDeclaration() {
        RenderedConfig rendered = render(TestSettings.dhcpd(SERVICE_IPS));

        assertThat(rendered.files().get(PeerRole.PRIMARY.fileName()))
                .contains("server-identifier 10.96.6.1;\nfailover peer \"failover-partner\" {")
                .doesNotContain("10.96.6.2");
        assertThat(rendered.files().get(PeerRole.SECONDARY.fileName()))
                .contains("server-identifier 10.96.6.2;\nfailover peer \"failover-partner\" {")
                .doesNotContain("10.96.6.1");
        assertThat(rendered.config()).doesNotContain("server-identifier");
    }

    @Test
    void aHostNameInsteadOfAnAddress_failsFastNamingTheProperty() {
        DhcpdSettings settings =
                TestSettings.dhcpd(
                        Map.of(
                                "netbox-dhcpd.config.failover.secondary.server-identifier",
                                "dhcp-secondary.dhcp.svc"));

        assertThatThrownBy(() -> new ServerModelBuilder(settings))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith(
                        "netbox-dhcpd.config.failover.secondary.server-identifier: not an IPv4 address");
    }

    @Test
    @Tag("dhcpd")
    void setPerRole_passesRealDhcpdForBothRoles() {
        DhcpdSettings settings = TestSettings.dhcpd(SERVICE_IPS);
        ConfigBuild.Result result = InventoryFixture.build("seed-npflan.json", settings);

        SyntaxCheck check = TestSettings.syntaxChecker(settings).check(result.rendered());

        assertThat(check.roles().values())
                .allSatisfy(role -> assertThat(role.isValid()).as(role.output()).isTrue());
    }

    private static RenderedConfig render(DhcpdSettings settings) {
        return InventoryFixture.build("seed-npflan.json", settings).rendered();
    }
}
