package dk.npflan.dhcp.validate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import dk.npflan.dhcp.TestSettings;
import dk.npflan.dhcp.config.ConfigProblem;
import dk.npflan.dhcp.config.ConfigProblem.Kind;
import dk.npflan.dhcp.config.DhcpdConfigRenderer;
import dk.npflan.dhcp.config.InventoryFixture;
import dk.npflan.dhcp.config.NetBoxObject;
import org.junit.jupiter.api.Test;

/**
 * One failing inventory with one NetBox IP address per reservation error: every error names that IP
 * address (type, id, URL), and the whole config is refused.
 */
class ReservationChecksTest {

    private static ConfigBuild.Result build() {
        return InventoryFixture.buildWithReservations(
                "invalid/reservations.json",
                TestSettings.dhcpd(),
                new DhcpdConfigRenderer()::render);
    }

    @Test
    void eachReservationError_namesTheIpAddressToFix() {
        ConfigBuild.Result result = build();

        assertThat(result.isValid()).isFalse();
        assertThat(result.errors())
                .allSatisfy(e -> assertThat(e.object().type()).isEqualTo(NetBoxObject.IP_ADDRESS))
                .allSatisfy(
                        e ->
                                assertThat(e.object().url())
                                        .isEqualTo(
                                                "https://netbox.example.org/ipam/ip-addresses/"
                                                        + e.object().id()
                                                        + "/"))
                .extracting(ConfigProblem::kind, e -> e.object().id())
                .containsExactlyInAnyOrder(
                        tuple(Kind.DUPLICATE_RESERVATION_MAC, 9102L),
                        tuple(Kind.DUPLICATE_RESERVATION_ADDRESS, 9103L),
                        tuple(Kind.RESERVATION_IN_POOL, 9104L),
                        tuple(Kind.INVALID_MAC, 9105L),
                        tuple(Kind.RESERVATION_ON_RESERVED_ADDRESS, 9106L),
                        tuple(Kind.RESERVATION_ON_RESERVED_ADDRESS, 9107L),
                        tuple(Kind.INVALID_HOST_NAME, 9108L));
    }

    @Test
    void messages_sayWhatCollidesWithWhat() {
        ConfigBuild.Result result = build();

        assertThat(result.errors())
                .extracting(ConfigProblem::message)
                .contains(
                        "MAC 52:54:00:bb:00:01 has two reservations in 10.42.16.0/24 of ipam.prefix"
                                + " 1187 10.42.16.0/24 (https://netbox.example.org/ipam/prefixes/1187/):"
                                + " 10.42.16.31 and 10.42.16.30 of ipam.ipaddress 9101 10.42.16.30/24"
                                + " (https://netbox.example.org/ipam/ip-addresses/9101/)",
                        "custom field dhcp_reservation_mac is not a MAC address:"
                                + " '52:54:00:zz:00:05'",
                        "dns_name is not a host name: 'bad name? include'")
                .anySatisfy(m -> assertThat(m).startsWith("10.42.16.150 lies in the dynamic pool"))
                .anySatisfy(m -> assertThat(m).startsWith("10.42.16.1 is the router address"))
                .anySatisfy(m -> assertThat(m).startsWith("10.42.16.255 is the broadcast address"));
    }
}
