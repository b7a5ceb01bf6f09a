package dk.npflan.dhcp.dhcpd;

import static dk.npflan.dhcp.config.OptionFixtures.prefix;
import static dk.npflan.dhcp.config.OptionFixtures.range;
import static org.assertj.core.api.Assertions.assertThat;

import dk.npflan.dhcp.TestSettings;
import dk.npflan.dhcp.config.OptionFixtures;
import dk.npflan.dhcp.netbox.Prefix;
import dk.npflan.dhcp.netbox.Vlan;
import dk.npflan.dhcp.validate.ConfigBuild;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * What the diff reads back out of a dhcpd.conf with shared networks: every subnet by its prefix
 * (also those inside a {@code shared-network}), a subnet moved into a shared network counts as
 * changed, a pool's {@code dhcp_options} change only their own subnet, and a {@code dhcpd -t} line
 * inside a shared network still names its prefix.
 */
class SharedNetworkReadBackTest {

    private static final Vlan VLAN = new Vlan(12, 42, "clients");

    private static ConfigBuild.Result build(Vlan vlan, String poolOptions) {
        List<Prefix> prefixes =
                List.of(
                        prefix(31, "10.30.0.0/24", vlan, Map.of()),
                        prefix(32, "10.30.1.0/24", vlan, Map.of()),
                        prefix(33, "10.30.2.0/24"));
        return ConfigBuild.from(
                prefixes,
                List.of(
                        range(
                                41,
                                "10.30.2.10/24",
                                "10.30.2.20/24",
                                OptionFixtures.options(poolOptions))),
                TestSettings.dhcpd());
    }

    @Test
    void subnetsInsideASharedNetwork_areReadBack_andMovingInChangesThem() {
        Map<String, String> before = DhcpdSubnetBlocks.of(build(null, "{}").rendered().config());
        Map<String, String> after = DhcpdSubnetBlocks.of(build(VLAN, "{}").rendered().config());

        assertThat(after.keySet())
                .containsExactlyInAnyOrderElementsOf(before.keySet())
                .contains("10.30.0.0/24", "10.30.1.0/24", "10.30.2.0/24");
        assertThat(after.get("10.30.0.0/24"))
                .startsWith("shared-network \"vlan-12-clients\" {\n    # prefix 31 ")
                .endsWith("        }\n");
        assertThat(after.get("10.30.0.0/24")).isNotEqualTo(before.get("10.30.0.0/24"));
        assertThat(after.get("10.30.1.0/24")).isNotEqualTo(before.get("10.30.1.0/24"));
        assertThat(after.get("10.30.2.0/24")).isEqualTo(before.get("10.30.2.0/24"));
    }

    @Test
    void aPoolsOptionChange_changesOnlyItsSubnet() {
        Map<String, String> before = DhcpdSubnetBlocks.of(build(VLAN, "{}").rendered().config());
        Map<String, String> after =
                DhcpdSubnetBlocks.of(
                        build(VLAN, "{\"tftp-server-name\": \"tftp.example.org\"}")
                                .rendered()
                                .config());

        assertThat(after.get("10.30.2.0/24"))
                .isNotEqualTo(before.get("10.30.2.0/24"))
                .contains("option tftp-server-name \"tftp.example.org\";");
        assertThat(after.get("10.30.0.0/24")).isEqualTo(before.get("10.30.0.0/24"));
        assertThat(after.get("10.30.1.0/24")).isEqualTo(before.get("10.30.1.0/24"));
    }

    @Test
    void aLineInsideASharedNetworksSubnet_namesItsPrefix() {
        ConfigBuild.Result result = build(VLAN, "{}");
        String config = result.rendered().config();
        List<String> lines = config.lines().toList();
        int routerLine = lines.indexOf("        option routers 10.30.1.1;") + 1;

        SubnetLocator locator = new SubnetLocator(config, result.model().allSubnets());

        assertThat(routerLine).isPositive();
        assertThat(locator.locate(routerLine))
                .hasValueSatisfying(o -> assertThat(o.id()).isEqualTo(32));
    }
}
