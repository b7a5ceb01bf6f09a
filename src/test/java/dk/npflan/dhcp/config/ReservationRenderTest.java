package dk.npflan.dhcp.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import dk.npflan.dhcp.TestSettings;
import dk.npflan.dhcp.validate.ConfigBuild;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Host reservations from NetBox IP addresses, through the real selection, built from fixtures with
 * the same data in NetBox 3.7, 4.1 (MAC on the interface) and 4.2+ (MAC objects) REST shapes, and
 * rendered as dhcpd {@code host} declarations.
 */
class ReservationRenderTest {

    private static final String V42 = "reservations-4.2.json";
    private final DhcpdSettings settings = TestSettings.dhcpd();

    private ConfigBuild.Result build(String fixture) {
        return InventoryFixture.buildWithReservations(
                fixture, settings, new DhcpdConfigRenderer()::render);
    }

    private static List<Reservation> reservations(ConfigBuild.Result result) {
        return result.model().subnets().stream().flatMap(s -> s.reservations().stream()).toList();
    }

    @Test
    void reservationFixture_matchesGoldenFiles() {
        ConfigBuild.Result result = build(V42);

        assertThat(result.errors()).isEmpty();
        GoldenFiles.assertMatches("reservations", result.rendered());
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"reservations-3.7.json", "reservations-4.1.json"})
    void sameDataInOlderNetBoxShapes_rendersTheSameReservations(String fixture) {
        ConfigBuild.Result older = build(fixture);
        ConfigBuild.Result current = build(V42);

        assertThat(older.errors()).isEmpty();
        assertThat(reservations(older))
                .extracting(
                        Reservation::address,
                        Reservation::mac,
                        Reservation::hostName,
                        Reservation::name)
                .isEqualTo(
                        reservations(current).stream()
                                .map(r -> tuple(r.address(), r.mac(), r.hostName(), r.name()))
                                .toList());
        assertThat(older.rendered().config()).isEqualTo(current.rendered().config());
    }

    @Test
    void addressesWithStatusAndMacInsideSelectedPrefixes_becomeReservationsOfTheirSubnet() {
        ConfigBuild.Result result = build(V42);

        assertThat(result.model().subnets())
                .extracting(
                        s -> s.source().id(),
                        s ->
                                s.reservations().stream()
                                        .map(
                                                r ->
                                                        r.source().id()
                                                                + " "
                                                                + r.address()
                                                                + " "
                                                                + r.mac())
                                        .toList())
                .containsExactly(
                        tuple(3001L, List.of("9003 10.200.0.2 52:54:00:aa:00:03")),
                        tuple(
                                1187L,
                                List.of(
                                        "9001 10.42.16.20 52:54:00:aa:00:01",
                                        "9002 10.42.16.21 52:54:00:aa:00:02")));
    }

    @Test
    void reservationMacCustomField_winsOverTheInterfaceMac() {
        assertThat(reservations(build(V42)))
                .filteredOn(r -> r.source().id() == 9002L)
                .singleElement()
                .satisfies(r -> assertThat(r.mac().toString()).isEqualTo("52:54:00:aa:00:02"));
    }

    @Test
    void addressWithoutAnyMac_isReportedByIdAndNotReserved() {
        ConfigBuild.Result result = build(V42);

        assertThat(result.reports())
                .filteredOn(p -> p.kind() == ConfigProblem.Kind.RESERVATION_WITHOUT_MAC)
                .extracting(p -> p.object().type(), p -> p.object().id(), p -> p.object().url())
                .containsExactly(
                        tuple(
                                NetBoxObject.IP_ADDRESS,
                                9005L,
                                "https://netbox.example.org/ipam/ip-addresses/9005/"));
        assertThat(reservations(result)).extracting(r -> r.source().id()).doesNotContain(9005L);
    }

    @Test
    void otherStatusOtherVrfOrNoSelectedPrefix_areLeftAlone() {
        assertThat(reservations(build(V42)))
                .extracting(r -> r.source().id())
                .doesNotContain(9004L, 9006L, 9007L);
    }

    @Test
    void hostDeclarations_comeAfterAllSubnetsWithTheirNetBoxId() {
        String config = build(V42).rendered().config();

        assertThat(config.indexOf("\nhost nbd-ip-9001 {"))
                .isGreaterThan(config.lastIndexOf("\nsubnet "));
        assertThat(config)
                .contains(
                        "host nbd-ip-9001 { # ipam.ipaddress 9001 in ipam.prefix 1187\n"
                                + "    hardware ethernet 52:54:00:aa:00:01;\n"
                                + "    fixed-address 10.42.16.20;\n"
                                + "    option host-name \"printer.fra1.example.net\";\n"
                                + "}\n");
    }

    @Test
    void reservationsSwitchedOff_renderTheConfigWithout() {
        ConfigBuild.Result none =
                ConfigBuild.from(
                        InventoryFixture.selected(InventoryFixture.load(V42)),
                        InventoryFixture.load(V42).ipRanges(),
                        settings);

        assertThat(none.rendered().config()).doesNotContain("host ");
        assertThat(none.model().subnets()).allSatisfy(s -> assertThat(s.reservations()).isEmpty());
    }

    @Test
    void otherMacCustomFieldName_isRead() {
        DhcpdSettings renamed =
                TestSettings.dhcpd(
                        Map.of("netbox-dhcpd.config.custom-fields.reservation-mac", "hw_address"));

        ConfigBuild.Result result =
                InventoryFixture.buildWithReservations(
                        V42, renamed, new DhcpdConfigRenderer()::render);

        assertThat(reservations(result))
                .filteredOn(r -> r.source().id() == 9002L)
                .singleElement()
                .satisfies(r -> assertThat(r.mac().toString()).isEqualTo("52:54:00:aa:00:99"));
    }

    @Test
    @Tag("dhcpd")
    void reservationFixture_passesRealDhcpdForBothRoles() {
        ConfigBuild.Result result = build(V42);

        assertThat(result.errors()).isEmpty();
        assertThat(TestSettings.syntaxChecker(settings).check(result.rendered()).roles().values())
                .allSatisfy(role -> assertThat(role.isValid()).as(role.output()).isTrue());
    }
}
