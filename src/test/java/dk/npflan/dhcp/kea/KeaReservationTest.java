package dk.npflan.dhcp.kea;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dk.npflan.dhcp.TestSettings;
import dk.npflan.dhcp.config.GoldenFiles;
import dk.npflan.dhcp.config.HostileReservations;
import dk.npflan.dhcp.config.InventoryFixture;
import dk.npflan.dhcp.config.PeerRole;
import dk.npflan.dhcp.config.RenderedConfig;
import dk.npflan.dhcp.validate.ConfigBuild;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Host reservations rendered for Kea: in their subnet's {@code reservations}, with the NetBox IP
 * address in {@code user-context}, read back for the diff without making the subnet changed.
 */
class KeaReservationTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private final KeaConfigRenderer renderer = new KeaConfigRenderer(KeaTestSettings.kea());

    @TempDir Path tempRoot;

    private ConfigBuild.Result build(String fixture) {
        return InventoryFixture.buildWithReservations(
                fixture, TestSettings.dhcpd(), renderer::render);
    }

    private static JsonNode subnet(RenderedConfig rendered, String cidr) throws Exception {
        for (JsonNode s :
                JSON.readTree(rendered.files().get(KeaConfigRenderer.fileName(PeerRole.PRIMARY)))
                        .at("/Dhcp4/subnet4")) {
            if (s.path("subnet").asText().equals(cidr)) {
                return s;
            }
        }
        throw new AssertionError("no subnet " + cidr);
    }

    @Test
    void reservationFixture_matchesGoldenFiles() {
        ConfigBuild.Result result = build("reservations-4.2.json");

        assertThat(result.errors()).isEmpty();
        GoldenFiles.assertMatches("kea-reservations", result.rendered());
    }

    @Test
    void reservation_isInItsSubnetWithHwAddressIpHostnameAndNetBoxContext() throws Exception {
        JsonNode subnet = subnet(build("reservations-4.2.json").rendered(), "10.42.16.0/24");

        assertThat(subnet.path("reservations").get(0))
                .isEqualTo(
                        JSON.readTree(
                                """
                                {"hw-address": "52:54:00:aa:00:01", "ip-address": "10.42.16.20",
                                 "hostname": "printer.fra1.example.net",
                                 "user-context": {"netbox": {"type": "ipam.ipaddress", "id": 9001,
                                   "url": "https://netbox.example.org/ipam/ip-addresses/9001/"}}}
                                """));
        assertThat(subnet.path("reservations").get(1).has("hostname")).isFalse();
    }

    @Test
    void reservationsReadBack_byNetBoxId_andTheSubnetTextIgnoresThem() {
        KeaBackend backend = new KeaBackend(renderer, null);
        RenderedConfig with = build("reservations-4.2.json").rendered();
        RenderedConfig without =
                ConfigBuild.from(
                                InventoryFixture.selected(
                                        InventoryFixture.load("reservations-4.2.json")),
                                InventoryFixture.load("reservations-4.2.json").ipRanges(),
                                TestSettings.dhcpd(),
                                renderer::render)
                        .rendered();

        assertThat(backend.reservations(with).keySet())
                .containsExactly("nbd-ip-9003", "nbd-ip-9001", "nbd-ip-9002");
        assertThat(backend.reservations(without)).isEmpty();
        assertThat(backend.subnets(with)).isEqualTo(backend.subnets(without));
    }

    @Test
    @Tag("kea")
    void reservationFixture_passesRealKeaForBothRoles() {
        ConfigBuild.Result result = build("reservations-4.2.json");

        KeaCheck check = KeaTestSettings.checker(tempRoot).check(result.rendered(), result.model());

        assertThat(check.roles().values())
                .allSatisfy(role -> assertThat(role.passed()).as(role.output()).isTrue());
        assertThat(Map.copyOf(check.roles())).hasSize(2);
    }

    @Test
    @Tag("kea")
    void hostileMacsAndHostNames_neverReachTheFile_andRealKeaAcceptsItForBothRoles()
            throws Exception {
        ConfigBuild.Result result =
                HostileReservations.build(HostileReservations.corpus(), renderer::render);
        int reservations = 0;
        for (JsonNode subnet :
                JSON.readTree(
                                result.rendered()
                                        .files()
                                        .get(KeaConfigRenderer.fileName(PeerRole.PRIMARY)))
                        .at("/Dhcp4/subnet4")) {
            for (JsonNode r : subnet.path("reservations")) {
                reservations++;
                assertThat(r.path("hw-address").asText()).matches("[0-9a-f]{2}(:[0-9a-f]{2}){5}");
                assertThat(r.path("ip-address").asText()).matches("10\\.77\\.\\d+\\.3");
                assertThat(r.path("hostname").asText("")).matches("[0-9A-Za-z_.-]*");
                assertThat(r.path("user-context").path("netbox").path("type").asText())
                        .isEqualTo("ipam.ipaddress");
            }
        }
        assertThat(reservations).isPositive();

        KeaCheck check = KeaTestSettings.checker(tempRoot).check(result.rendered(), result.model());

        assertThat(check.roles().values())
                .allSatisfy(role -> assertThat(role.passed()).as(role.output()).isTrue());
    }
}
