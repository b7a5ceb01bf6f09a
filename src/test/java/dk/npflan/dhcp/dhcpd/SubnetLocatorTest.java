package dk.npflan.dhcp.dhcpd;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dk.npflan.dhcp.TestSettings;
import dk.npflan.dhcp.config.DhcpdConfigRenderer;
import dk.npflan.dhcp.config.DhcpdSettings;
import dk.npflan.dhcp.config.InventoryFixture;
import dk.npflan.dhcp.config.NetBoxObject;
import dk.npflan.dhcp.netbox.Inventory;
import dk.npflan.dhcp.netbox.InventoryFileSource;
import dk.npflan.dhcp.netbox.PrefixSelection;
import dk.npflan.dhcp.netbox.SelectedInventory;
import dk.npflan.dhcp.validate.ConfigBuild;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** A dhcpd.conf line number leads back to the NetBox prefix whose subnet holds it. */
class SubnetLocatorTest {

    private static List<String> lines;
    private static SubnetLocator locator;

    @BeforeAll
    static void renderSeed() throws Exception {
        Inventory inventory =
                new InventoryFileSource(
                                Path.of(
                                        SubnetLocatorTest.class
                                                .getResource("/inventory/seed-npflan.json")
                                                .toURI()),
                                new ObjectMapper())
                        .load();
        SelectedInventory selected = PrefixSelection.byTag("dhcp").apply(inventory);
        DhcpdSettings settings = TestSettings.dhcpd(Map.of());
        ConfigBuild.Result result =
                ConfigBuild.from(selected.prefixes(), selected.ipRanges(), settings);
        lines = result.rendered().config().lines().toList();
        locator = new SubnetLocator(result.rendered().config(), result.model().allSubnets());
    }

    private static int lineOf(String text) {
        return lines.indexOf(text) + 1;
    }

    @Test
    void rangeLineInsidePool_namesItsPrefix() {
        NetBoxObject origin =
                locator.locate(lineOf("        range 10.0.248.4 10.0.248.122;")).orElseThrow();

        assertThat(origin.type()).isEqualTo(NetBoxObject.PREFIX);
        assertThat(origin.id()).isEqualTo(4);
        assertThat(origin.display()).isEqualTo("10.0.248.0/25");
    }

    @Test
    void subnetClosingBrace_stillThatSubnet() {
        int subnetLine = lineOf("subnet 10.0.248.0 netmask 255.255.255.128 {");
        int closing = subnetLine + lines.subList(subnetLine, lines.size()).indexOf("}") + 1;

        assertThat(locator.locate(closing)).map(NetBoxObject::id).contains(4L);
    }

    @Test
    void globalPart_noObject() {
        assertThat(locator.locate(lineOf("authoritative;"))).isEmpty();
    }

    @Test
    void serverNetworkSubnet_namesTheSetting() {
        assertThat(locator.locate(lineOf("subnet 10.90.0.0 netmask 255.255.0.0 {") + 1))
                .map(NetBoxObject::type)
                .contains(NetBoxObject.SETTING);
    }

    @Test
    void blankLineBetweenSubnets_noObject() {
        int comment = lineOf("# prefix 4 10.0.248.0/25 vrf npflan role Wireless: AP-MGMT");
        assertThat(locator.locate(comment - 1)).isEmpty();
    }

    @Test
    void lineOfAHostReservation_namesItsNetBoxIpAddress() {
        ConfigBuild.Result result =
                InventoryFixture.buildWithReservations(
                        "reservations-4.2.json",
                        TestSettings.dhcpd(Map.of()),
                        new DhcpdConfigRenderer()::render);
        List<String> config = result.rendered().config().lines().toList();
        SubnetLocator hosts =
                new SubnetLocator(result.rendered().config(), result.model().allSubnets());
        int fixedAddress = config.indexOf("    fixed-address 10.42.16.20;") + 1;

        assertThat(hosts.locate(fixedAddress))
                .hasValueSatisfying(
                        o -> {
                            assertThat(o.type()).isEqualTo("ipam.ipaddress");
                            assertThat(o.id()).isEqualTo(9001L);
                        });
        int range =
                config.indexOf("        range 10.42.16.100 10.42.16.199; # ipam.iprange 241") + 1;
        assertThat(hosts.locate(range))
                .hasValueSatisfying(o -> assertThat(o.id()).isEqualTo(1187L));
    }
}
