package dk.npflan.dhcp.config;

import static dk.npflan.dhcp.config.OptionFixtures.options;
import static dk.npflan.dhcp.config.OptionFixtures.prefix;
import static dk.npflan.dhcp.config.OptionFixtures.range;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import dk.npflan.dhcp.TestSettings;
import dk.npflan.dhcp.netbox.IpRange;
import dk.npflan.dhcp.netbox.Prefix;
import dk.npflan.dhcp.validate.ConfigBuild;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The {@code dhcp_options} custom field on prefixes and IP ranges, rendered by dhcpd: every option
 * of the table by its dhcpd name and type, refused values named by their NetBox object and never
 * rendered, and the precedence rule against the five single-option custom fields.
 */
class DhcpOptionsFieldTest {

    private final DhcpdSettings settings = TestSettings.dhcpd();

    private ConfigBuild.Result build(List<Prefix> prefixes, List<IpRange> ranges) {
        return ConfigBuild.from(prefixes, ranges, settings);
    }

    private ConfigBuild.Result build(Prefix prefix) {
        return build(List.of(prefix), List.of());
    }

    @Test
    @org.junit.jupiter.api.Tag("dhcpd")
    void everyOptionOfTheTable_onPrefixAndRange_rendersByDhcpdName_andPassesRealDhcpd() {
        ObjectNode every = OptionFixtures.everyOption();
        every.set("routers", OptionFixtures.parse("\"10.20.0.2, 10.20.0.3\""));
        ConfigBuild.Result result =
                build(
                        List.of(prefix(11, "10.20.0.0/24", null, Map.of("dhcp_options", every))),
                        List.of(
                                range(
                                        21,
                                        "10.20.0.10/24",
                                        "10.20.0.99/24",
                                        options(
                                                "{\"routers\": \"10.20.0.254\","
                                                        + " \"boot-file-name\": \"pxelinux.0\","
                                                        + " \"interface-mtu\": 9000}"))));

        assertThat(result.errors()).isEmpty();
        String config = result.rendered().config();
        for (StandardOption option : StandardOptions.ALL) {
            assertThat(config).contains("    option " + option.dhcpdName() + " ");
        }
        assertThat(config)
                .contains("    option routers 10.20.0.2, 10.20.0.3;\n")
                .doesNotContain("option routers 10.20.0.1;")
                .contains("    option ien116-name-servers 10.9.8.1, 10.9.8.2;\n")
                .contains(
                        "    option bootfile-name \"a \\\"quoted\\\" {text}; # not a comment\";\n")
                .contains("    option domain-search \"lan.example.org\", \"example.org\";\n")
                .contains("    option time-offset -3600;\n")
                .contains("    option path-mtu-aging-timeout 4294967295;\n")
                .contains("    option ip-forwarding true;\n")
                .contains(
                        "        range 10.20.0.10 10.20.0.99; # ipam.iprange 21\n"
                                + "        option routers 10.20.0.254;\n"
                                + "        option bootfile-name \"pxelinux.0\";\n"
                                + "        option interface-mtu 9000;\n"
                                + "    }\n");
        assertThat(TestSettings.syntaxChecker(settings).check(result.rendered()).roles().values())
                .allSatisfy(role -> assertThat(role.isValid()).as(role.output()).isTrue());
    }

    @Test
    void unknownName_isRefusedNamingThePrefix_andTheRestStillRenders() {
        ConfigBuild.Result result =
                build(
                        prefix(
                                12,
                                "10.20.1.0/24",
                                null,
                                options(
                                        "{\"no-such-option\": 1, \"tftp-server-name\": \"tftp\"}")));

        assertThat(result.errors())
                .singleElement()
                .satisfies(
                        e -> {
                            assertThat(e.kind()).isEqualTo(ConfigProblem.Kind.INVALID_OPTION);
                            assertThat(e.object().type()).isEqualTo(NetBoxObject.PREFIX);
                            assertThat(e.object().id()).isEqualTo(12);
                            assertThat(e.message())
                                    .contains("dhcp_options.'no-such-option'")
                                    .contains("not a standard DHCPv4 option");
                        });
        assertThat(result.rendered().config())
                .doesNotContain("no-such-option")
                .contains("option tftp-server-name \"tftp\";");
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "{\"interface-mtu\": 70000}|out of range 0..65535",
                "{\"default-ip-ttl\": -1}|out of range 0..255",
                "{\"time-offset\": \"3 hours\"}|not a whole number",
                "{\"time-offset\": 1.5}|not a whole number",
                "{\"ip-forwarding\": \"yes\"}|not true or false",
                "{\"root-path\": \"/srv\\nroot\"}|printable ASCII",
                "{\"root-path\": \"a,b\"}|printable ASCII",
                "{\"root-path\": \"a\\\\b\"}|printable ASCII",
                "{\"root-path\": 5}|printable ASCII",
                "{\"broadcast-address\": [\"10.0.0.255\", \"10.0.1.255\"]}|takes one value",
                "{\"routers\": \"10.0.0.300\"}|not an IPv4 address",
                "{\"domain-search\": \"bad domain;\"}|not a valid domain name",
                "{\"domain-name\": \"x\\\"; include \\\"/etc/shadow\"}|not a valid domain name",
                "[\"routers\"]|not a JSON object",
                "\"not json {\"|not a JSON object",
                "{\"bootfile-name\": \"a\", \"boot-file-name\": \"b\"}|set twice",
            })
    void valueOfTheWrongType_isRefusedNamingThePrefix_andNotRendered(String json, String why) {
        ConfigBuild.Result result = build(prefix(13, "10.20.2.0/24", null, options(json)));

        assertThat(result.errors())
                .singleElement()
                .satisfies(
                        e -> {
                            assertThat(e.kind()).isEqualTo(ConfigProblem.Kind.INVALID_OPTION);
                            assertThat(e.object().id()).isEqualTo(13);
                            assertThat(e.message()).contains(why);
                        });
        assertThat(result.model().subnets().get(0).options().other()).hasSizeLessThan(2);
        assertThat(result.rendered().config())
                .doesNotContain("include \"/etc/shadow")
                .doesNotContain("10.0.0.300")
                .doesNotContain("70000");
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "{\"ntp-servers\": \"ntp.example.org\"}|not an IPv4 address: 'ntp.example.org'",
                "{\"routers\": \"10.20.3.254, 10.99.0.1\"}|router 10.99.0.1 is not inside 10.20.3.0/24",
            })
    void badValueOnAnIpRange_orARouterOutsideTheSubnet_namesTheRange(String json, String why) {
        ConfigBuild.Result result =
                build(
                        List.of(prefix(14, "10.20.3.0/24")),
                        List.of(range(24, "10.20.3.10/24", "10.20.3.20/24", options(json))));

        assertThat(result.errors())
                .singleElement()
                .satisfies(
                        e -> {
                            assertThat(e.kind()).isEqualTo(ConfigProblem.Kind.INVALID_OPTION);
                            assertThat(e.object().type()).isEqualTo(NetBoxObject.IP_RANGE);
                            assertThat(e.object().id()).isEqualTo(24);
                            assertThat(e.message()).endsWith(why);
                        });
    }

    @Test
    void anOptionSetInItsOwnCustomFieldAndInDhcpOptions_isAConflict() {
        ConfigBuild.Result result =
                build(
                        prefix(
                                15,
                                "10.20.4.0/24",
                                null,
                                Map.of(
                                        "dhcp_routers",
                                        TextNode.valueOf("10.20.4.1"),
                                        "dhcp_options",
                                        OptionFixtures.parse("{\"routers\": \"10.20.4.254\"}"))));

        assertThat(result.errors())
                .singleElement()
                .satisfies(
                        e -> {
                            assertThat(e.kind()).isEqualTo(ConfigProblem.Kind.OPTION_CONFLICT);
                            assertThat(e.object().id()).isEqualTo(15);
                            assertThat(e.message())
                                    .contains("dhcp_routers")
                                    .contains("dhcp_options.routers");
                        });
    }

    @Test
    void theFourOptionsWithTheirOwnField_fromDhcpOptions_landInTheirUsualPlace() {
        Map<String, JsonNode> fields =
                options(
                        "{\"routers\": \"10.20.5.254\", \"domain-name-servers\": \"10.1.1.1 10.1.1.2\","
                                + " \"domain-name\": \"lab.example.org\", \"ntp-servers\": [\"10.1.1.3\"]}");
        DhcpOptions options =
                build(prefix(16, "10.20.5.0/24", null, fields)).model().subnets().get(0).options();

        assertThat(options.routers())
                .extracting(Ipv4Address::toString)
                .containsExactly("10.20.5.254");
        assertThat(options.domainNameServers()).hasSize(2);
        assertThat(options.domainName()).contains("lab.example.org");
        assertThat(options.ntpServers())
                .extracting(Ipv4Address::toString)
                .containsExactly("10.1.1.3");
        assertThat(options.other()).isEmpty();
    }

    @Test
    void aTextCustomFieldHoldingJson_isReadLikeAJsonField() {
        ConfigBuild.Result result =
                build(
                        prefix(
                                17,
                                "10.20.6.0/24",
                                null,
                                Map.of(
                                        "dhcp_options",
                                        TextNode.valueOf("{\"interface-mtu\": \"1500\"}"))));

        assertThat(result.errors()).isEmpty();
        assertThat(result.rendered().config()).contains("    option interface-mtu 1500;\n");
    }
}
