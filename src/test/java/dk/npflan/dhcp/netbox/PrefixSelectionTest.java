package dk.npflan.dhcp.netbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Selection as a table: for each configuration, which fixture prefixes are selected and which
 * filters go to NetBox.
 */
class PrefixSelectionTest {

    private static Inventory inventory;

    @BeforeAll
    static void load() throws Exception {
        inventory =
                new InventoryFileSource(
                                Path.of(
                                        PrefixSelectionTest.class
                                                .getResource("/netbox/selection-inventory.json")
                                                .toURI()),
                                new ObjectMapper())
                        .load();
    }

    private static PrefixSelection selection(
            SelectionMode mode,
            Set<String> statuses,
            String tag,
            Set<String> roles,
            String customField,
            Set<String> vrfs) {
        return new PrefixSelection(
                mode,
                statuses,
                tag,
                roles,
                Optional.ofNullable(customField),
                vrfs,
                Set.of("active"),
                PrefixSelection.DEFAULT_ADDRESS_STATUSES);
    }

    static Stream<Arguments> table() {
        Set<String> active = Set.of("active");
        return Stream.of(
                Arguments.of(
                        "default tag dhcp",
                        PrefixSelection.byTag("dhcp"),
                        List.of(101L, 102L),
                        List.of(106L),
                        "status=active&tag=dhcp"),
                Arguments.of(
                        "tag other",
                        selection(SelectionMode.TAG, active, "other", Set.of(), null, Set.of()),
                        List.of(104L),
                        List.of(),
                        "status=active&tag=other"),
                Arguments.of(
                        "tag dhcp, active or deprecated",
                        selection(
                                SelectionMode.TAG,
                                Set.of("active", "deprecated"),
                                "dhcp",
                                Set.of(),
                                null,
                                Set.of()),
                        List.of(101L, 102L, 107L),
                        List.of(106L),
                        "status=active&status=deprecated&tag=dhcp"),
                Arguments.of(
                        "roles access+wireless",
                        selection(
                                SelectionMode.ROLE,
                                active,
                                "dhcp",
                                Set.of("wireless", "access"),
                                null,
                                Set.of()),
                        List.of(101L, 103L, 104L),
                        List.of(106L),
                        "status=active&role=access&role=wireless"),
                Arguments.of(
                        "custom field dhcp_enabled",
                        selection(
                                SelectionMode.CUSTOM_FIELD,
                                active,
                                "dhcp",
                                Set.of(),
                                "dhcp_enabled",
                                Set.of()),
                        List.of(101L, 103L),
                        List.of(),
                        "status=active&cf_dhcp_enabled=true"),
                Arguments.of(
                        "vrf by name",
                        selection(
                                SelectionMode.VRF, active, "dhcp", Set.of(), null, Set.of("GUEST")),
                        List.of(103L),
                        List.of(),
                        "status=active"),
                Arguments.of(
                        "vrf by id and global",
                        selection(
                                SelectionMode.VRF,
                                active,
                                "dhcp",
                                Set.of(),
                                null,
                                Set.of("2", "global")),
                        List.of(101L, 102L, 104L),
                        List.of(106L),
                        "status=active&vrf_id=2&vrf_id=null"),
                Arguments.of(
                        "tag dhcp restricted to vrf CORP",
                        selection(
                                SelectionMode.TAG, active, "dhcp", Set.of(), null, Set.of("CORP")),
                        List.of(101L),
                        List.of(106L),
                        "status=active&tag=dhcp"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("table")
    void selection_selectsExpectedPrefixesAndSendsFilters(
            String name,
            PrefixSelection selection,
            List<Long> selected,
            List<Long> ipv6,
            String filters) {
        SelectedInventory result = selection.apply(inventory);

        assertThat(result.prefixes()).extracting(Prefix::id).containsExactlyElementsOf(selected);
        assertThat(result.skippedIpv6()).extracting(Prefix::id).containsExactlyElementsOf(ipv6);
        assertThat(QueryParameter.encode(selection.prefixFilters())).isEqualTo(filters);
    }

    @Test
    void ranges_onlyActiveKeptAndFetched() {
        PrefixSelection selection = PrefixSelection.byTag("dhcp");
        assertThat(selection.apply(inventory).ipRanges())
                .extracting(IpRange::id)
                .containsExactly(201L);
        assertThat(QueryParameter.encode(selection.rangeFilters())).isEqualTo("status=active");
    }

    @Test
    void roleModeWithoutRoles_misconfiguredNotEverything() {
        assertThatThrownBy(
                        () ->
                                selection(
                                                SelectionMode.ROLE,
                                                Set.of("active"),
                                                "dhcp",
                                                Set.of(),
                                                null,
                                                Set.of())
                                        .check())
                .isInstanceOfSatisfying(
                        InventoryException.class,
                        e -> assertThat(e.problem()).isEqualTo(InventoryProblem.MISCONFIGURED))
                .hasMessageContaining("selection.roles");
    }

    @Test
    void customFieldModeWithoutField_misconfigured() {
        assertThatThrownBy(
                        () ->
                                selection(
                                                SelectionMode.CUSTOM_FIELD,
                                                Set.of("active"),
                                                "dhcp",
                                                Set.of(),
                                                " ",
                                                Set.of())
                                        .check())
                .isInstanceOf(InventoryException.class)
                .hasMessageContaining("selection.custom-field");
    }

    @Test
    void customFieldStringTrue_notSelected() throws Exception {
        var json = new ObjectMapper();
        Prefix prefix =
                json.readValue(
                        """
                {"id": 9, "prefix": "10.9.9.0/24", "status": {"value": "active"},
                 "custom_fields": {"dhcp_enabled": "true"}}""",
                        Prefix.class);
        PrefixSelection selection =
                selection(
                        SelectionMode.CUSTOM_FIELD,
                        Set.of("active"),
                        "dhcp",
                        Set.of(),
                        "dhcp_enabled",
                        Set.of());
        assertThat(selection.matches(prefix)).isFalse();
    }
}
