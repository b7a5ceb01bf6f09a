package dk.npflan.dhcp.kea;

import static dk.npflan.dhcp.config.OptionFixtures.prefix;
import static dk.npflan.dhcp.config.OptionFixtures.range;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dk.npflan.dhcp.TestSettings;
import dk.npflan.dhcp.config.OptionFixtures;
import dk.npflan.dhcp.config.PeerRole;
import dk.npflan.dhcp.config.RenderedConfig;
import dk.npflan.dhcp.config.StandardOption;
import dk.npflan.dhcp.config.StandardOptions;
import dk.npflan.dhcp.netbox.Prefix;
import dk.npflan.dhcp.netbox.Vlan;
import dk.npflan.dhcp.validate.ConfigBuild;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code dhcp_options} and shared networks in the Kea config: every option of the table by Kea's
 * name in {@code option-data} (pools too), prefixes on one VLAN in {@code shared-networks} with
 * their subnet ids unchanged, the whole accepted by the real {@code kea-dhcp4 -t}; the read-back
 * for the diff and the error locator see the shared subnets.
 */
class KeaOptionsAndSharedNetworksTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Vlan VLAN = new Vlan(12, 42, "clients");

    @TempDir Path tempRoot;

    private final KeaConfigRenderer renderer = new KeaConfigRenderer(KeaTestSettings.kea());

    private static ConfigBuild.Result build(Vlan vlan) {
        ObjectNode every = OptionFixtures.everyOption();
        every.set("routers", OptionFixtures.parse("\"10.30.2.1\""));
        List<Prefix> prefixes =
                List.of(
                        prefix(31, "10.30.0.0/24", vlan, Map.of()),
                        prefix(32, "10.30.1.0/24", vlan, Map.of()),
                        prefix(33, "10.30.2.0/24", null, Map.of("dhcp_options", every)));
        ConfigBuild.Result result =
                ConfigBuild.from(
                        prefixes,
                        List.of(
                                range(
                                        41,
                                        "10.30.1.10/24",
                                        "10.30.1.20/24",
                                        OptionFixtures.options(
                                                "{\"bootfile-name\": \"pxelinux.0\","
                                                        + " \"interface-mtu\": 9000}"))),
                        TestSettings.dhcpd(),
                        new KeaConfigRenderer(KeaTestSettings.kea())::render);
        assertThat(result.errors()).isEmpty();
        return result;
    }

    private static JsonNode primary(RenderedConfig rendered) throws IOException {
        return JSON.readTree(rendered.files().get(KeaConfigRenderer.fileName(PeerRole.PRIMARY)));
    }

    @Test
    void everyOption_byKeasName_andPoolOptions_inOptionData() throws IOException {
        JsonNode dhcp4 = primary(build(VLAN).rendered()).path("Dhcp4");
        JsonNode alone = dhcp4.at("/subnet4/2");
        assertThat(alone.path("id").asLong()).isEqualTo(33);

        List<String> names = new ArrayList<>();
        alone.path("option-data").forEach(o -> names.add(o.path("name").asText()));
        assertThat(names)
                .containsExactlyInAnyOrderElementsOf(
                        StandardOptions.ALL.stream().map(StandardOption::keaName).toList());
        assertThat(alone.path("option-data").toString())
                .contains("{\"name\":\"name-servers\",\"data\":\"10.9.8.1, 10.9.8.2\"}")
                .contains(
                        "{\"name\":\"boot-file-name\",\"data\":\"a \\\"quoted\\\" {text}; # not a comment\"}")
                .contains("{\"name\":\"domain-search\",\"data\":\"lan.example.org, example.org\"}")
                .contains("{\"name\":\"ip-forwarding\",\"data\":\"true\"}");
        JsonNode pool = dhcp4.at("/shared-networks/0/subnet4/1/pools/0");
        assertThat(pool.path("option-data").toString())
                .isEqualTo(
                        "[{\"name\":\"boot-file-name\",\"data\":\"pxelinux.0\"},"
                                + "{\"name\":\"interface-mtu\",\"data\":\"9000\"}]");
    }

    @Test
    void prefixesOnOneVlan_areOneSharedNetwork_withTheirSubnetIds() throws IOException {
        JsonNode dhcp4 = primary(build(VLAN).rendered()).path("Dhcp4");

        List<Long> topLevel = new ArrayList<>();
        dhcp4.path("subnet4").forEach(s -> topLevel.add(s.path("id").asLong()));
        assertThat(topLevel).doesNotContain(31L, 32L).contains(33L);
        assertThat(dhcp4.path("shared-networks")).hasSize(1);
        JsonNode network = dhcp4.at("/shared-networks/0");
        assertThat(network.path("name").asText()).isEqualTo("vlan-12-clients");
        assertThat(network.path("subnet4"))
                .extracting(s -> s.path("id").asLong() + " " + s.path("subnet").asText())
                .containsExactly("31 10.30.0.0/24", "32 10.30.1.0/24");
    }

    @Test
    void noSharedVlan_hasNoSharedNetworksKey() throws IOException {
        assertThat(primary(build(null).rendered()).path("Dhcp4").has("shared-networks")).isFalse();
    }

    @Test
    @org.junit.jupiter.api.Tag("kea")
    void optionsOfEveryType_andASharedNetwork_passRealKeaForBothRoles() {
        ConfigBuild.Result result = build(VLAN);

        KeaCheck check = KeaTestSettings.checker(tempRoot).check(result.rendered(), result.model());

        assertThat(check.roles().values())
                .allSatisfy(role -> assertThat(role.passed()).as(role.output()).isTrue());
    }

    @Test
    void readBack_seesSharedSubnets_andMovingIntoASharedNetworkChangesThem() {
        KeaBackend backend = new KeaBackend(renderer, KeaTestSettings.checker(tempRoot));
        Map<String, String> before = backend.subnets(build(null).rendered());
        Map<String, String> after = backend.subnets(build(VLAN).rendered());

        assertThat(after.keySet()).containsExactlyInAnyOrderElementsOf(before.keySet());
        assertThat(after.get("10.30.0.0/24"))
                .isNotEqualTo(before.get("10.30.0.0/24"))
                .contains("\"shared-network\":\"vlan-12-clients\"");
        assertThat(after.get("10.30.2.0/24")).isEqualTo(before.get("10.30.2.0/24"));
    }

    @Test
    void aPositionInASharedSubnetsPool_namesTheRange_andInTheSubnet_thePrefix() {
        ConfigBuild.Result result = build(VLAN);
        String json = result.rendered().files().get(KeaConfigRenderer.fileName(PeerRole.PRIMARY));
        List<String> lines = json.lines().toList();
        int subnetLine = indexOf(lines, "\"subnet\": \"10.30.1.0/24\"", 0);
        int poolLine = indexOf(lines, "\"pool\": ", subnetLine);

        KeaSubnetLocator locator =
                new KeaSubnetLocator(json, KeaConfigRenderer.subnetOrder(result.model()));

        assertThat(indexOf(lines, "\"shared-networks\"", 0)).isLessThan(subnetLine);
        assertThat(locator.locate(subnetLine + 1, 10))
                .hasValueSatisfying(o -> assertThat(o.id()).isEqualTo(32));
        assertThat(locator.locate(poolLine + 1, 10))
                .hasValueSatisfying(o -> assertThat(o.id()).isEqualTo(41));
        assertThat(locator.locate("subnet '10.30.0.0/24' is bad"))
                .hasValueSatisfying(o -> assertThat(o.id()).isEqualTo(31));
    }

    private static int indexOf(List<String> lines, String text, int from) {
        for (int i = from; i < lines.size(); i++) {
            if (lines.get(i).contains(text)) {
                return i;
            }
        }
        throw new AssertionError(text + " not in the rendered file");
    }
}
