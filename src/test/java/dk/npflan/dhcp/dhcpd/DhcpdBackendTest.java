package dk.npflan.dhcp.dhcpd;

import static org.assertj.core.api.Assertions.assertThat;

import dk.npflan.dhcp.TestSettings;
import dk.npflan.dhcp.backend.BundleCheck;
import dk.npflan.dhcp.config.BundleFiles;
import dk.npflan.dhcp.config.DhcpdSettings;
import dk.npflan.dhcp.config.InventoryFixture;
import dk.npflan.dhcp.config.PeerRole;
import dk.npflan.dhcp.validate.ConfigBuild;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** dhcpd through the backend seam: what the pipeline sees of render, check and read-back. */
@Tag("dhcpd")
class DhcpdBackendTest {

    private final DhcpdSettings settings = TestSettings.dhcpd();
    private final DhcpdBackend backend = new DhcpdBackend(TestSettings.syntaxChecker(settings));

    @Test
    void bundle_isDhcpdConfThenEachRolesFailoverInclude() {
        ConfigBuild.Result result =
                InventoryFixture.build("representative.json", settings, backend::render);

        assertThat(result.rendered().files().keySet()).containsExactlyElementsOf(BundleFiles.NAMES);
        assertThat(backend.fileNames())
                .containsExactly(
                        "dhcpd.conf", "dhcpd.failover.primary", "dhcpd.failover.secondary");
    }

    @Test
    void validBundle_passesForBothRoles() {
        ConfigBuild.Result result =
                InventoryFixture.build("representative.json", settings, backend::render);

        BundleCheck check = backend.check(result.rendered(), result.model());

        assertThat(check.isValid()).isTrue();
        assertThat(check.roles()).containsOnlyKeys(PeerRole.PRIMARY, PeerRole.SECONDARY);
        assertThat(check.role(PeerRole.PRIMARY).outcome()).isEqualTo("PASSED");
    }

    @Test
    void dhcpdErrorInASubnet_namesTheNetBoxPrefixItCameFrom() {
        ConfigBuild.Result result =
                InventoryFixture.build(
                        "invalid/overlapping-subnets.json", settings, backend::render);

        BundleCheck.Role primary =
                backend.check(result.rendered(), result.model()).role(PeerRole.PRIMARY);

        assertThat(primary.passed()).isFalse();
        assertThat(primary.outcome()).isEqualTo("FAILED");
        assertThat(primary.error())
                .hasValueSatisfying(
                        e -> {
                            assertThat(e.file()).hasValue("dhcpd.conf");
                            assertThat(e.message()).isEqualTo("lease 10.10.1.4 is declared twice!");
                            assertThat(e.object())
                                    .hasValueSatisfying(o -> assertThat(o.id()).isEqualTo(22));
                            assertThat(e.toString()).startsWith("dhcpd.conf line ");
                        });
    }

    @Test
    void subnets_areReadBackFromThePublishedBundleByPrefix() {
        ConfigBuild.Result result =
                InventoryFixture.build("representative.json", settings, backend::render);

        assertThat(backend.subnets(result.rendered()))
                .hasSize(result.model().allSubnets().size())
                .containsKeys(
                        result.model().subnets().stream()
                                .map(s -> s.network().toString())
                                .toArray(String[]::new));
    }
}
