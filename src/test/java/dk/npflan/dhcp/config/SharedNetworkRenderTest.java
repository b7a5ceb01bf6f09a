package dk.npflan.dhcp.config;

import static dk.npflan.dhcp.config.OptionFixtures.prefix;
import static dk.npflan.dhcp.config.OptionFixtures.range;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.TextNode;
import dk.npflan.dhcp.TestSettings;
import dk.npflan.dhcp.netbox.Prefix;
import dk.npflan.dhcp.netbox.Vlan;
import dk.npflan.dhcp.validate.ConfigBuild;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Prefixes on one link become one dhcpd {@code shared-network}: by NetBox VLAN, or by the {@code
 * dhcp_shared_network} custom field, which wins. A prefix alone on its VLAN is not wrapped, pools
 * inside keep the failover peer, names are safe identifiers, and members whose options differ are
 * refused naming every prefix.
 */
class SharedNetworkRenderTest {

    private static final Vlan CLIENTS = new Vlan(12, 42, "clients \"hall\" {A}");
    private static final Vlan ALONE = new Vlan(13, 43, "alone");

    private static Map<String, JsonNode> link(String name) {
        return Map.of("dhcp_shared_network", TextNode.valueOf(name));
    }

    private static List<Prefix> inventory() {
        return List.of(
                prefix(31, "10.30.0.0/24", CLIENTS, Map.of()),
                prefix(32, "10.30.1.0/24", CLIENTS, Map.of()),
                prefix(33, "10.30.2.0/24", ALONE, Map.of()),
                prefix(34, "10.30.3.0/24", CLIENTS, link("hall b")),
                prefix(35, "10.30.4.0/24", null, link("hall;b")),
                prefix(36, "10.30.5.0/24"));
    }

    private static ConfigBuild.Result build(List<Prefix> prefixes, DhcpdSettings settings) {
        return ConfigBuild.from(
                prefixes, List.of(range(41, "10.30.1.10/24", "10.30.1.20/24", Map.of())), settings);
    }

    @Test
    @org.junit.jupiter.api.Tag("dhcpd")
    void prefixesOnOneVlanOrNamedLink_renderAsOneSharedNetwork_andPassRealDhcpd() {
        DhcpdSettings settings = TestSettings.dhcpd();
        ConfigBuild.Result result = build(inventory(), settings);

        assertThat(result.errors()).isEmpty();
        String config = result.rendered().config();
        assertThat(config)
                .contains(
                        "shared-network \"vlan-12-clients--hall---A-\" {\n"
                                + "\n"
                                + "    # prefix 31 10.30.0.0/24 vrf CORP: prefix 31\n"
                                + "    subnet 10.30.0.0 netmask 255.255.255.0 {\n"
                                + "        option routers 10.30.0.1;\n"
                                + "        pool {\n"
                                + "            failover peer \"failover-partner\";\n"
                                + "            range 10.30.0.4 10.30.0.250;\n"
                                + "        }\n"
                                + "    }\n"
                                + "\n"
                                + "    # prefix 32 10.30.1.0/24 vrf CORP: prefix 32\n"
                                + "    subnet 10.30.1.0 netmask 255.255.255.0 {\n"
                                + "        option routers 10.30.1.1;\n"
                                + "        pool {\n"
                                + "            failover peer \"failover-partner\";\n"
                                + "            range 10.30.1.10 10.30.1.20; # ipam.iprange 41\n"
                                + "        }\n"
                                + "    }\n"
                                + "}\n")
                .contains("shared-network \"hall-b\" {\n")
                .contains("\nsubnet 10.30.2.0 netmask 255.255.255.0 {\n")
                .contains("\nsubnet 10.30.5.0 netmask 255.255.255.0 {\n");
        assertThat(config.lines().filter(l -> l.startsWith("shared-network"))).hasSize(2);
        assertThat(result.model().subnets())
                .extracting(s -> s.source().id() + "=" + s.sharedNetwork().orElse(""))
                .containsExactly(
                        "31=vlan-12-clients--hall---A-",
                        "32=vlan-12-clients--hall---A-",
                        "33=",
                        "34=hall-b",
                        "35=hall-b",
                        "36=");
        assertThat(TestSettings.syntaxChecker(settings).check(result.rendered()).roles().values())
                .allSatisfy(role -> assertThat(role.isValid()).as(role.output()).isTrue());
    }

    @Test
    void netBoxsNestedVlan_isReadIntoThePrefix() throws Exception {
        Prefix prefix =
                OptionFixtures.JSON.readValue(
                        "{\"id\": 31, \"prefix\": \"10.30.0.0/24\", \"vlan\": {\"id\": 12,"
                                + " \"url\": \"https://netbox.example.org/api/ipam/vlans/12/\","
                                + " \"display\": \"clients (42)\", \"vid\": 42, \"name\": \"clients\","
                                + " \"description\": \"\"}}",
                        Prefix.class);

        assertThat(prefix.vlan()).isEqualTo(new Vlan(12, 42, "clients"));
        assertThat(
                        OptionFixtures.JSON
                                .readValue("{\"id\": 1, \"vlan\": null}", Prefix.class)
                                .vlan())
                .isNull();
    }

    @Test
    void byVlanOff_groupsOnlyByTheCustomField() {
        DhcpdSettings settings =
                TestSettings.dhcpd(Map.of("netbox-dhcpd.config.shared-networks.by-vlan", "false"));
        ConfigBuild.Result result = build(inventory(), settings);

        assertThat(result.rendered().config().lines().filter(l -> l.startsWith("shared-network")))
                .containsExactly("shared-network \"hall-b\" {");
    }

    @Test
    void noVlanShared_rendersExactlyAsWithoutSharedNetworks() {
        List<Prefix> alone =
                List.of(
                        prefix(31, "10.30.0.0/24", CLIENTS, Map.of()),
                        prefix(33, "10.30.2.0/24", ALONE, Map.of()));
        List<Prefix> noVlan = List.of(prefix(31, "10.30.0.0/24"), prefix(33, "10.30.2.0/24"));

        assertThat(build(alone, TestSettings.dhcpd()).rendered())
                .isEqualTo(build(noVlan, TestSettings.dhcpd()).rendered());
    }

    @Test
    void aNameWithNothingUsable_isRefusedNamingThePrefix() {
        ConfigBuild.Result result =
                build(
                        List.of(
                                prefix(37, "10.30.6.0/24", null, link("\";{}")),
                                prefix(
                                        38,
                                        "10.30.7.0/24",
                                        null,
                                        Map.of("dhcp_shared_network", OptionFixtures.parse("7")))),
                        TestSettings.dhcpd());

        assertThat(result.errors())
                .extracting(e -> e.kind() + " " + e.object().id())
                .containsExactly("INVALID_SHARED_NETWORK 37", "INVALID_SHARED_NETWORK 38");
    }

    @Test
    void membersWithDifferentOptions_areRefusedNamingEveryPrefix() {
        ConfigBuild.Result result =
                build(
                        List.of(
                                prefix(
                                        31,
                                        "10.30.0.0/24",
                                        CLIENTS,
                                        Map.of(
                                                "dhcp_domain_name",
                                                TextNode.valueOf("a.example.org"),
                                                "dhcp_options",
                                                OptionFixtures.parse(
                                                        "{\"interface-mtu\": 9000,"
                                                                + " \"broadcast-address\": \"10.30.0.255\"}"))),
                                prefix(
                                        32,
                                        "10.30.1.0/24",
                                        CLIENTS,
                                        Map.of(
                                                "dhcp_domain_name",
                                                TextNode.valueOf("b.example.org"),
                                                "dhcp_options",
                                                OptionFixtures.parse(
                                                        "{\"broadcast-address\": \"10.30.1.255\"}"))),
                                prefix(
                                        33,
                                        "10.30.2.0/24",
                                        CLIENTS,
                                        Map.of(
                                                "dhcp_domain_name",
                                                TextNode.valueOf("a.example.org")))),
                        TestSettings.dhcpd());

        assertThat(result.errors())
                .singleElement()
                .satisfies(
                        e -> {
                            assertThat(e.kind())
                                    .isEqualTo(ConfigProblem.Kind.SHARED_NETWORK_OPTION_CONFLICT);
                            assertThat(e.object().id()).isEqualTo(31);
                            assertThat(e.message())
                                    .contains("10.30.0.0/24 (ipam.prefix 31)")
                                    .contains("10.30.1.0/24 (ipam.prefix 32)")
                                    .contains("10.30.2.0/24 (ipam.prefix 33)")
                                    .contains("differ in domain-name, interface-mtu")
                                    .doesNotContain("routers")
                                    .doesNotContain("broadcast-address");
                        });
    }
}
