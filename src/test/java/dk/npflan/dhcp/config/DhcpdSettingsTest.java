package dk.npflan.dhcp.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dk.npflan.dhcp.TestSettings;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The settings build without CDI, carry the seed's defaults, and a bad setting fails fast naming
 * its property.
 */
class DhcpdSettingsTest {

    @Test
    void defaults_areTheSeedValues() {
        DhcpdSettings settings = TestSettings.dhcpd();

        assertThat(settings.global().defaultLeaseTime()).isEqualTo(Duration.ofHours(2));
        assertThat(settings.global().maxLeaseTime()).isEqualTo(Duration.ofHours(8));
        assertThat(settings.global().domainNameServers()).hasValue(List.of("10.96.5.1"));
        assertThat(settings.failover().primary().port()).isEqualTo(647);
        assertThat(settings.failover().secondary().peerAddress())
                .isEqualTo("headless-secondary.dhcp.svc.cluster.local");
        assertThat(settings.failover().mclt()).isEqualTo(3600);
        assertThat(settings.failover().split()).isEqualTo(128);
        assertThat(settings.omapi().port()).isEqualTo(7911);
        assertThat(settings.serverNetwork().network()).hasValue("10.90.0.0/16");
        assertThat(settings.validation().secondaryCheck())
                .isEqualTo(DhcpdSettings.SecondaryCheck.FULL);
    }

    @Test
    void overrides_winOverDefaults() {
        DhcpdSettings settings =
                TestSettings.dhcpd(
                        Map.of(
                                "netbox-dhcpd.config.global.ntp-servers", "10.0.0.5,10.0.0.6",
                                "netbox-dhcpd.config.default-pool.start-offset", "10"));

        assertThat(settings.global().ntpServers()).hasValue(List.of("10.0.0.5", "10.0.0.6"));
        assertThat(settings.defaultPool().startOffset()).isEqualTo(10);
    }

    @Test
    void failoverAddressWithInjection_failsFastNamingTheProperty() {
        DhcpdSettings settings =
                TestSettings.dhcpd(
                        Map.of(
                                "netbox-dhcpd.config.failover.secondary.address",
                                "evil; } include \"/etc/shadow\""));

        assertThatThrownBy(() -> new ServerModelBuilder(settings))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith(
                        "netbox-dhcpd.config.failover.secondary.address: not a host name or IPv4 address");
    }

    @Test
    void splitOutOfRange_failsFast() {
        DhcpdSettings settings =
                TestSettings.dhcpd(Map.of("netbox-dhcpd.config.failover.split", "300"));

        assertThatThrownBy(() -> new ServerModelBuilder(settings))
                .hasMessageContaining("netbox-dhcpd.config.failover.split");
    }
}
