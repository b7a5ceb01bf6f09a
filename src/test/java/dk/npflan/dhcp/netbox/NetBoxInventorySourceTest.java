package dk.npflan.dhcp.netbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** A whole snapshot from {@link FakeNetBox} through selection, including the filter guard. */
class NetBoxInventorySourceTest {

    private static final String TOKEN = "0123456789abcdef0123456789abcdef01234567";

    private FakeNetBox fake;

    @AfterEach
    void stop() {
        if (fake != null) {
            fake.close();
        }
    }

    private SelectedInventory load(PrefixSelection selection) throws InventoryException {
        return selection.apply(
                new NetBoxInventorySource(NetBoxClientTest.client(fake, 1000), selection).load());
    }

    @Test
    void fixtureInventory_defaultSelection_selectsTaggedActiveIpv4AndReportsIpv6()
            throws Exception {
        fake = FakeNetBox.fromResource(TOKEN, "/netbox/selection-inventory.json");

        SelectedInventory selected = load(PrefixSelection.byTag("dhcp"));

        assertThat(selected.prefixes()).extracting(Prefix::id).containsExactly(101L, 102L);
        assertThat(selected.skippedIpv6()).extracting(Prefix::id).containsExactly(106L);
        assertThat(selected.ipRanges()).extracting(IpRange::id).containsExactly(201L);
        assertThat(fake.requests(FakeNetBox.PREFIXES).get(0).query())
                .isEqualTo("status=active&tag=dhcp&limit=1000&offset=0");
    }

    @Test
    void selectionTagMissingInNetBox_clearErrorAndNoPrefixFetched() {
        fake = FakeNetBox.fromResource(TOKEN, "/netbox/selection-inventory.json");
        fake.removeTag("dhcp");

        assertThatThrownBy(() -> load(PrefixSelection.byTag("dhcp")))
                .isInstanceOfSatisfying(
                        InventoryException.class,
                        e ->
                                assertThat(e.problem())
                                        .isEqualTo(InventoryProblem.SELECTION_FILTER_MISSING))
                .hasMessageContaining("tag 'dhcp' does not exist");
        assertThat(fake.requests(FakeNetBox.PREFIXES)).isEmpty();
    }

    @Test
    void tagLookupFilterIgnoredByServer_otherTagsReturned_stillMissing() {
        fake = FakeNetBox.fromResource(TOKEN, "/netbox/selection-inventory.json");
        fake.removeTag("dhcp").ignoreParameter("slug");

        assertThatThrownBy(() -> load(PrefixSelection.byTag("dhcp")))
                .isInstanceOfSatisfying(
                        InventoryException.class,
                        e ->
                                assertThat(e.problem())
                                        .isEqualTo(InventoryProblem.SELECTION_FILTER_MISSING));
    }

    @Test
    void unknownCustomField_clearErrorNotEveryPrefix() {
        fake = FakeNetBox.fromResource(TOKEN, "/netbox/selection-inventory.json");
        PrefixSelection selection =
                new PrefixSelection(
                        SelectionMode.CUSTOM_FIELD,
                        Set.of("active"),
                        "dhcp",
                        Set.of(),
                        Optional.of("dhcp_enabeld"),
                        Set.of(),
                        Set.of("active"),
                        PrefixSelection.DEFAULT_ADDRESS_STATUSES);

        assertThatThrownBy(() -> load(selection))
                .isInstanceOfSatisfying(
                        InventoryException.class,
                        e ->
                                assertThat(e.problem())
                                        .isEqualTo(InventoryProblem.SELECTION_FILTER_MISSING))
                .hasMessageContaining("custom field 'dhcp_enabeld' does not exist");
    }

    @Test
    void customFieldSelection_serverFilterAndClientPredicateAgree() throws Exception {
        fake = FakeNetBox.fromResource(TOKEN, "/netbox/selection-inventory.json");
        PrefixSelection selection =
                new PrefixSelection(
                        SelectionMode.CUSTOM_FIELD,
                        Set.of("active"),
                        "dhcp",
                        Set.of(),
                        Optional.of("dhcp_enabled"),
                        Set.of(),
                        Set.of("active"),
                        PrefixSelection.DEFAULT_ADDRESS_STATUSES);

        SelectedInventory selected = load(selection);

        assertThat(selected.prefixes()).extracting(Prefix::id).containsExactly(101L, 103L);
        assertThat(fake.requests(FakeNetBox.PREFIXES).get(0).query())
                .contains("cf_dhcp_enabled=true");
    }

    @Test
    void serverIgnoresTagFilter_clientPredicateStillSelectsOnlyTagged() throws Exception {
        fake = FakeNetBox.fromResource(TOKEN, "/netbox/selection-inventory.json");
        fake.ignoreParameter("tag").ignoreParameter("status");

        SelectedInventory selected = load(PrefixSelection.byTag("dhcp"));

        assertThat(selected.prefixes()).extracting(Prefix::id).containsExactly(101L, 102L);
    }

    @Test
    void unknownRoleSlug_netBoxAnswers400_badResponseNotEverything() {
        fake = FakeNetBox.fromResource(TOKEN, "/netbox/selection-inventory.json");
        PrefixSelection selection =
                new PrefixSelection(
                        SelectionMode.ROLE,
                        Set.of("active"),
                        "dhcp",
                        Set.of("acess"),
                        Optional.empty(),
                        Set.of(),
                        Set.of("active"),
                        PrefixSelection.DEFAULT_ADDRESS_STATUSES);

        assertThatThrownBy(() -> load(selection))
                .isInstanceOfSatisfying(
                        InventoryException.class,
                        e -> assertThat(e.problem()).isEqualTo(InventoryProblem.BAD_RESPONSE))
                .hasMessageContaining("HTTP 400")
                .hasMessageContaining("acess");
    }

    @Test
    void roleSelection_selectsRoleSlugs() throws Exception {
        fake = FakeNetBox.fromResource(TOKEN, "/netbox/selection-inventory.json");
        PrefixSelection selection =
                new PrefixSelection(
                        SelectionMode.ROLE,
                        Set.of("active"),
                        "dhcp",
                        Set.of("access", "wireless"),
                        Optional.empty(),
                        Set.of(),
                        Set.of("active"),
                        PrefixSelection.DEFAULT_ADDRESS_STATUSES);

        assertThat(load(selection).prefixes())
                .extracting(Prefix::id)
                .containsExactly(101L, 103L, 104L);
        assertThat(fake.requests(FakeNetBox.PREFIXES).get(0).query())
                .contains("role=access&role=wireless");
    }

    @Test
    void statusEndpoint_servedWithAuth() throws Exception {
        fake = FakeNetBox.fromResource(TOKEN, "/netbox/selection-inventory.json");
        assertThat(
                        NetBoxClientTest.client(fake, 1000)
                                .get(FakeNetBox.STATUS, List.of())
                                .path("netbox-version")
                                .asText())
                .isEqualTo("4.6.8");
    }

    @Test
    void reservations_readAddressesWithAReservationStatusAndTheInterfacesTheyAreAssignedTo()
            throws Exception {
        fake = FakeNetBox.fromResource(TOKEN, "/inventory/reservations-4.2.json");

        SelectedInventory selected =
                PrefixSelection.byTag("dhcp")
                        .apply(
                                new NetBoxInventorySource(
                                                NetBoxClientTest.client(fake, 2),
                                                PrefixSelection.byTag("dhcp"))
                                        .load());

        assertThat(selected.hosts().ipAddresses())
                .extracting(IpAddress::id)
                .containsExactlyInAnyOrder(9001L, 9002L, 9003L, 9005L, 9006L, 9007L);
        assertThat(fake.requests(FakeNetBox.IP_ADDRESSES).get(0).query())
                .isEqualTo("family=4&status=dhcp&status=reserved&limit=2&offset=0");
        assertThat(fake.requests(FakeNetBox.INTERFACES))
                .extracting(FakeNetBox.Request::query)
                .contains("id=501&id=502&id=503&id=505&id=507&limit=2&offset=0");
        assertThat(selected.hosts().primaryMacByInterface())
                .containsEntry(501L, "52:54:00:AA:00:01")
                .containsEntry(503L, "52:54:00:AA:00:03")
                .doesNotContainKey(505L);
        assertThat(fake.requests(FakeNetBox.MAC_ADDRESSES)).isEmpty();
    }

    @Test
    void reservationsSwitchedOff_noAddressOrInterfaceIsRead() throws Exception {
        fake = FakeNetBox.fromResource(TOKEN, "/inventory/reservations-4.2.json");
        PrefixSelection off =
                new PrefixSelection(
                        SelectionMode.TAG,
                        Set.of("active"),
                        "dhcp",
                        Set.of(),
                        Optional.empty(),
                        Set.of(),
                        Set.of("active"),
                        Set.of());

        SelectedInventory selected = load(off);

        assertThat(selected.hosts().ipAddresses()).isEmpty();
        assertThat(fake.requests(FakeNetBox.IP_ADDRESSES)).isEmpty();
        assertThat(fake.requests(FakeNetBox.INTERFACES)).isEmpty();
    }
}
