package dk.npflan.dhcp.kea;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dk.npflan.dhcp.TestSettings;
import dk.npflan.dhcp.config.GoldenFiles;
import dk.npflan.dhcp.config.InventoryFixture;
import dk.npflan.dhcp.config.NetBoxObject;
import dk.npflan.dhcp.config.PeerRole;
import dk.npflan.dhcp.config.RenderedConfig;
import dk.npflan.dhcp.config.ServerModel;
import dk.npflan.dhcp.config.Subnet;
import dk.npflan.dhcp.netbox.Inventory;
import dk.npflan.dhcp.netbox.Prefix;
import dk.npflan.dhcp.validate.ConfigBuild;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The Kea renderer on the seed inventory and on edited models: pure, no kea-dhcp4 needed. */
class KeaConfigRendererTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final KeaConfigRenderer renderer = new KeaConfigRenderer(KeaTestSettings.kea());

    private static ConfigBuild.Result seed() {
        return InventoryFixture.build("seed-npflan.json", TestSettings.dhcpd());
    }

    private static JsonNode parse(String json) throws Exception {
        return JSON.readTree(json);
    }

    private static JsonNode file(RenderedConfig rendered, PeerRole role) throws Exception {
        return parse(rendered.files().get(KeaConfigRenderer.fileName(role)));
    }

    /** Prefix id → subnet id of every NetBox subnet in one role's file. */
    private static Map<Long, Long> idsByPrefix(RenderedConfig rendered) throws Exception {
        Map<Long, Long> ids = new HashMap<>();
        for (JsonNode subnet : file(rendered, PeerRole.PRIMARY).at("/Dhcp4/subnet4")) {
            JsonNode netbox = subnet.at("/user-context/netbox");
            if (!netbox.isMissingNode()) {
                ids.put(netbox.get("id").asLong(), subnet.get("id").asLong());
            }
        }
        return ids;
    }

    @Test
    void seedInventory_matchesGoldenFiles() {
        GoldenFiles.assertMatches("kea-seed-npflan", renderer.render(seed().model()));
    }

    @Test
    void seedInventory_rendersEveryPrefixAsASubnetKeyedByItsNetBoxId() throws Exception {
        ConfigBuild.Result seed = seed();
        JsonNode dhcp4 = file(renderer.render(seed.model()), PeerRole.PRIMARY).get("Dhcp4");

        JsonNode subnets = dhcp4.get("subnet4");
        assertThat(subnets).hasSize(seed.model().subnets().size() + 2);
        for (int i = 0; i < seed.model().subnets().size(); i++) {
            Subnet subnet = seed.model().subnets().get(i);
            JsonNode rendered = subnets.get(i + 2);
            assertThat(rendered.get("id").asLong()).isEqualTo(subnet.source().id());
            assertThat(rendered.get("subnet").asText()).isEqualTo(subnet.network().toString());
            assertThat(rendered.at("/user-context/netbox/type").asText())
                    .isEqualTo(NetBoxObject.PREFIX);
            assertThat(rendered.at("/user-context/netbox/url").asText())
                    .isEqualTo(subnet.source().url());
            assertThat(rendered.get("pools")).hasSize(subnet.pools().size());
        }
        assertThat(dhcp4.get("valid-lifetime").asLong()).isEqualTo(7200);
        assertThat(dhcp4.get("max-valid-lifetime").asLong()).isEqualTo(28800);
        assertThat(dhcp4.at("/lease-database/persist").asBoolean()).isTrue();
        assertThat(dhcp4.at("/hooks-libraries/2/library").asText()).endsWith("/libdhcp_ha.so");
    }

    @Test
    void sameInventoryInAnotherOrder_rendersByteIdenticalFiles() {
        Inventory inventory = InventoryFixture.load("seed-npflan.json");
        List<Prefix> shuffled = new ArrayList<>(InventoryFixture.selected(inventory));
        Collections.shuffle(shuffled, new Random(42));
        ServerModel reordered =
                ConfigBuild.from(shuffled, inventory.ipRanges(), TestSettings.dhcpd()).model();

        RenderedConfig first = renderer.render(seed().model());
        RenderedConfig second = new KeaConfigRenderer(KeaTestSettings.kea()).render(reordered);

        assertThat(second.files()).isEqualTo(first.files());
        assertThat(second.sha256()).isEqualTo(first.sha256());
    }

    @Test
    void theTwoRoles_differOnlyInThisServerName() throws Exception {
        RenderedConfig rendered = renderer.render(seed().model());
        JsonNode primary = file(rendered, PeerRole.PRIMARY);
        JsonNode secondary = file(rendered, PeerRole.SECONDARY);
        String pointer = "/Dhcp4/hooks-libraries/2/parameters/high-availability/0";

        assertThat(primary.at(pointer + "/this-server-name").asText()).isEqualTo("primary");
        assertThat(secondary.at(pointer + "/this-server-name").asText()).isEqualTo("secondary");
        ((ObjectNode) secondary.at(pointer)).put("this-server-name", "primary");
        assertThat(secondary).isEqualTo(primary);
        assertThat(rendered.files().keySet())
                .containsExactly("kea-dhcp4.primary.json", "kea-dhcp4.secondary.json");
    }

    @Test
    void reorderingAndAddingPrefixes_keepsEverySubnetId() throws Exception {
        Inventory inventory = InventoryFixture.load("seed-npflan.json");
        List<Prefix> selected = InventoryFixture.selected(inventory);
        Map<Long, Long> before = idsByPrefix(renderer.render(seed().model()));

        List<Prefix> changed = new ArrayList<>(selected.subList(1, selected.size()));
        Collections.reverse(changed);
        Prefix template = selected.get(0);
        for (int i = 0; i < 3; i++) {
            changed.add(
                    new Prefix(
                            90_000 + i,
                            "10.123." + i + ".0/24",
                            template.vrf(),
                            template.status(),
                            template.role(),
                            template.tags(),
                            template.customFields(),
                            "added",
                            "https://netbox.example.org/api/ipam/prefixes/" + (90_000 + i) + "/",
                            null));
        }
        ServerModel model =
                ConfigBuild.from(changed, inventory.ipRanges(), TestSettings.dhcpd()).model();
        Map<Long, Long> after = idsByPrefix(renderer.render(model));

        Map<Long, Long> kept = new HashMap<>(before);
        kept.remove(selected.get(0).id());
        assertThat(after).containsAllEntriesOf(kept);
        assertThat(after).containsEntry(90_000L, 90_000L).containsEntry(90_002L, 90_002L);
        assertThat(after).doesNotContainKey(selected.get(0).id());
    }

    @Test
    void probeAndServerNetwork_takeReservedIdsThatNoAcceptedPrefixIdReaches() throws Exception {
        ServerModel model = seed().model();
        JsonNode subnets = file(renderer.render(model), PeerRole.PRIMARY).at("/Dhcp4/subnet4");

        assertThat(subnets.get(0).get("id").asLong()).isEqualTo(KeaSubnetIds.SERVER_NETWORK);
        assertThat(subnets.get(1).get("id").asLong()).isEqualTo(KeaSubnetIds.PROBE);
        assertThat(subnets.get(1).at("/user-context/setting").asText())
                .isEqualTo("netbox-dhcpd.config.probe-subnet.network");
        assertThat(List.of(KeaSubnetIds.SERVER_NETWORK, KeaSubnetIds.PROBE))
                .allSatisfy(
                        id ->
                                assertThat(id)
                                        .isBetween(KeaSubnetIds.RESERVED_FROM, KeaSubnetIds.MAX));

        Subnet first = model.subnets().get(0);
        Subnet highest = withId(first, KeaSubnetIds.RESERVED_FROM - 1);
        assertThat(
                        idsByPrefix(
                                renderer.render(
                                        KeaTestSettings.withSubnets(model, List.of(highest)))))
                .containsEntry(KeaSubnetIds.RESERVED_FROM - 1, KeaSubnetIds.RESERVED_FROM - 1);
        for (long id : List.of(KeaSubnetIds.RESERVED_FROM, KeaSubnetIds.PROBE, 0L)) {
            Subnet colliding = withId(first, id);
            assertThatThrownBy(
                            () ->
                                    renderer.render(
                                            KeaTestSettings.withSubnets(model, List.of(colliding))))
                    .isInstanceOf(KeaRenderException.class)
                    .hasMessageContaining("NetBox id " + id)
                    .satisfies(
                            e ->
                                    assertThat(((KeaRenderException) e).object())
                                            .isEqualTo(colliding.source()));
        }
    }

    @Test
    void poolFromAnIpRange_carriesTheRangeInItsUserContext() throws Exception {
        ConfigBuild.Result result =
                InventoryFixture.build("representative.json", TestSettings.dhcpd());
        JsonNode subnets =
                file(renderer.render(result.model()), PeerRole.PRIMARY).at("/Dhcp4/subnet4");
        List<NetBoxObject> ranges =
                result.model().subnets().stream()
                        .flatMap(s -> s.pools().stream())
                        .flatMap(p -> p.range().stream())
                        .toList();
        List<JsonNode> rendered = new ArrayList<>();
        for (JsonNode subnet : subnets) {
            for (JsonNode pool : subnet.path("pools")) {
                if (pool.has("user-context")) {
                    rendered.add(pool.at("/user-context/netbox"));
                }
            }
        }

        assertThat(ranges).isNotEmpty();
        for (NetBoxObject range : ranges) {
            assertThat(rendered)
                    .anySatisfy(
                            n -> {
                                assertThat(n.get("type").asText()).isEqualTo(NetBoxObject.IP_RANGE);
                                assertThat(n.get("id").asLong()).isEqualTo(range.id());
                                assertThat(n.get("url").asText()).isEqualTo(range.url());
                            });
        }
    }

    @Test
    void haMode_decidesTheSecondPeersRole() throws Exception {
        String peers = "/Dhcp4/hooks-libraries/2/parameters/high-availability/0/peers";
        KeaConfigRenderer loadBalancing =
                new KeaConfigRenderer(
                        KeaTestSettings.kea(Map.of("netbox-dhcpd.kea.ha.mode", "load-balancing")));

        JsonNode hot = file(renderer.render(seed().model()), PeerRole.PRIMARY);
        JsonNode balanced = file(loadBalancing.render(seed().model()), PeerRole.PRIMARY);

        assertThat(hot.at(peers + "/1/role").asText()).isEqualTo("standby");
        assertThat(hot.at("/Dhcp4/hooks-libraries/2/parameters/high-availability/0/mode").asText())
                .isEqualTo("hot-standby");
        assertThat(balanced.at(peers + "/0/role").asText()).isEqualTo("primary");
        assertThat(balanced.at(peers + "/1/role").asText()).isEqualTo("secondary");
        assertThat(
                        balanced.at("/Dhcp4/hooks-libraries/2/parameters/high-availability/0/mode")
                                .asText())
                .isEqualTo("load-balancing");
    }

    @Test
    void peerUrlWithAHostName_isRefusedNamingTheSetting() {
        assertThatThrownBy(
                        () ->
                                new KeaConfigRenderer(
                                        KeaTestSettings.kea(
                                                Map.of(
                                                        "netbox-dhcpd.kea.peers.secondary.url",
                                                        "http://secondary.dhcp.svc:8000/"))))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("netbox-dhcpd.kea.peers.secondary.url: ");
        assertThatThrownBy(
                        () ->
                                new KeaConfigRenderer(
                                        KeaTestSettings.kea(
                                                Map.of(
                                                        "netbox-dhcpd.kea.peers.secondary.name",
                                                        "primary"))))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("both peers are called primary");
    }

    @Test
    void badSettings_areRefusedNamingTheProperty() {
        Map<String, String> bad =
                Map.of(
                        "netbox-dhcpd.kea.lease-file.lfc-interval", "PT0.5S",
                        "netbox-dhcpd.kea.control-socket", "relative/socket",
                        "netbox-dhcpd.kea.interfaces", "eth0;rm",
                        "netbox-dhcpd.kea.ha.heartbeat-delay", "PT0S",
                        "netbox-dhcpd.kea.ha.max-unacked-clients", "-1",
                        "netbox-dhcpd.kea.peers.primary.url", "http://10.0.0.1:8000/x?y=1",
                        "netbox-dhcpd.kea.peers.primary.name", "pri mary");
        bad.forEach(
                (property, value) ->
                        assertThatThrownBy(
                                        () ->
                                                new KeaConfigRenderer(
                                                        KeaTestSettings.kea(
                                                                Map.of(property, value))))
                                .as(property + "=" + value)
                                .isInstanceOf(IllegalArgumentException.class)
                                .hasMessageStartingWith(property + ": "));
    }

    private static Subnet withId(Subnet subnet, long id) {
        NetBoxObject s = subnet.source();
        return new Subnet(
                subnet.network(),
                subnet.vrf(),
                new NetBoxObject(s.type(), id, s.display(), s.url()),
                subnet.comment(),
                subnet.options(),
                subnet.pools());
    }
}
