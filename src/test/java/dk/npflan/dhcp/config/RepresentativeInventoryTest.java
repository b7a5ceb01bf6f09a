package dk.npflan.dhcp.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import dk.npflan.dhcp.TestSettings;
import dk.npflan.dhcp.netbox.Inventory;
import dk.npflan.dhcp.netbox.IpRange;
import dk.npflan.dhcp.netbox.Prefix;
import dk.npflan.dhcp.validate.ConfigBuild;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * A hand-made inventory with IP ranges (active, reserved, other VRF, outside any prefix),
 * custom-field options, two VRFs plus the global table, an IPv6 and a too-small prefix.
 */
class RepresentativeInventoryTest {

    private static final String FIXTURE = "representative.json";
    private final DhcpdSettings settings = TestSettings.dhcpd();

    @Test
    void representativeInventory_matchesGoldenFiles() {
        GoldenFiles.assertMatches(
                "representative", InventoryFixture.build(FIXTURE, settings).rendered());
    }

    @Test
    @Tag("dhcpd")
    void representativeInventory_passesRealDhcpdForBothRoles() {
        ConfigBuild.Result result = InventoryFixture.build(FIXTURE, settings);

        assertThat(result.errors()).isEmpty();
        assertThat(TestSettings.syntaxChecker(settings).check(result.rendered()).roles().values())
                .allSatisfy(role -> assertThat(role.isValid()).as(role.output()).isTrue());
    }

    @Test
    void ipv6AndTooSmallPrefixes_areReportedNotDropped() {
        ConfigBuild.Result result = InventoryFixture.build(FIXTURE, settings);

        assertThat(result.reports())
                .extracting(ConfigProblem::kind, p -> p.object().id(), p -> p.object().url())
                .containsExactlyInAnyOrder(
                        tuple(
                                ConfigProblem.Kind.IPV6_SKIPPED,
                                4001L,
                                "https://netbox.example.org/ipam/prefixes/4001/"),
                        tuple(
                                ConfigProblem.Kind.PREFIX_TOO_SMALL,
                                5001L,
                                "https://netbox.example.org/ipam/prefixes/5001/"));
    }

    @Test
    void subnets_areOrderedByVrfThenNetwork_withPoolsFromActiveRangesOfTheSameVrf() {
        ConfigBuild.Result result = InventoryFixture.build(FIXTURE, settings);

        assertThat(result.model().subnets())
                .extracting(s -> s.source().id())
                .containsExactly(3001L, 1187L, 1188L, 2001L);
        assertThat(result.model().subnets())
                .extracting(
                        s ->
                                s.pools().stream()
                                        .map(p -> p.range().map(NetBoxObject::id).orElse(0L))
                                        .toList())
                .containsExactly(List.of(0L), List.of(241L), List.of(243L, 244L), List.of(0L));
    }

    @Test
    void rangeRoleFilter_keepsOnlyRangesWithListedRoles() {
        DhcpdSettings filtered =
                TestSettings.dhcpd(Map.of("netbox-dhcpd.config.ip-ranges.roles", "dhcp-pool"));

        ConfigBuild.Result result = InventoryFixture.build(FIXTURE, filtered);

        assertThat(result.model().subnets())
                .filteredOn(s -> s.source().id() == 1188L)
                .singleElement()
                .satisfies(
                        s ->
                                assertThat(s.pools())
                                        .extracting(p -> p.range().orElseThrow().id())
                                        .containsExactly(243L));
    }

    @Test
    void rendering_isDeterministicWhateverTheInputOrder() {
        Inventory inventory = InventoryFixture.load(FIXTURE);
        String expected = InventoryFixture.build(FIXTURE, settings).rendered().sha256();
        Random random = new Random(42);
        for (int i = 0; i < 20; i++) {
            List<Prefix> prefixes = new ArrayList<>(InventoryFixture.selected(inventory));
            List<IpRange> ranges = new ArrayList<>(inventory.ipRanges());
            Collections.shuffle(prefixes, random);
            Collections.shuffle(ranges, random);
            assertThat(ConfigBuild.from(prefixes, ranges, settings).rendered().sha256())
                    .isEqualTo(expected);
        }
    }

    @Test
    void settingsChange_changesTheIdentityHash() {
        DhcpdSettings otherSplit =
                TestSettings.dhcpd(Map.of("netbox-dhcpd.config.failover.split", "255"));

        assertThat(InventoryFixture.build(FIXTURE, otherSplit).rendered().sha256())
                .isNotEqualTo(InventoryFixture.build(FIXTURE, settings).rendered().sha256());
    }
}
