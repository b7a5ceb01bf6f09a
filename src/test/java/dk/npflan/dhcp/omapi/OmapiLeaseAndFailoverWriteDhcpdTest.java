package dk.npflan.dhcp.omapi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * What the console's {@code lease} and {@code partner-down} verbs ask of a real dhcpd 4.4.3 ({@link
 * LoneDhcpdPeer}, a primary whose partner exists nowhere): a lease by address and by MAC with its
 * client, start and end; and the operator's write of {@code local-state = partner-down}, which
 * dhcpd must take at once.
 */
@Tag("netns")
@Tag("slow")
class OmapiLeaseAndFailoverWriteDhcpdTest {

    private static LoneDhcpdPeer dhcpd;

    @BeforeAll
    static void startDhcpd() throws Exception {
        dhcpd = LoneDhcpdPeer.start();
    }

    @AfterAll
    static void stopDhcpd() {
        if (dhcpd != null) {
            dhcpd.close();
        }
    }

    @Test
    void leaseByAddress_givesStateClientMacStartAndEnd() throws Exception {
        try (OmapiClient client = dhcpd.connect()) {
            LeaseDetails lease = client.leaseDetails(address(dhcpd.leasedAddress));

            assertThat(lease.address().getHostAddress()).isEqualTo(dhcpd.leasedAddress);
            assertThat(lease.state()).isEqualTo(BindingState.ACTIVE);
            assertThat(lease.mac()).contains("02:00:5e:00:53:01");
            assertThat(lease.starts()).contains(Instant.parse("2026-11-28T03:00:00Z"));
            assertThat(lease.ends()).contains(Instant.parse("2030-01-03T00:00:00Z"));
        }
    }

    @Test
    void leaseByMac_findsTheSameLease() throws Exception {
        try (OmapiClient client = dhcpd.connect()) {
            LeaseDetails lease =
                    client.leaseDetails(HexFormat.ofDelimiter(":").parseHex("02:00:5e:00:53:01"));

            assertThat(lease.address().getHostAddress()).isEqualTo(dhcpd.leasedAddress);
            assertThat(lease.state()).isEqualTo(BindingState.ACTIVE);
        }
    }

    @Test
    void addressInNoRangeAndUnknownMac_areNotFound_connectionStaysUsable() throws Exception {
        try (OmapiClient client = dhcpd.connect()) {
            assertThatThrownBy(() -> client.leaseDetails(address(dhcpd.hostAddress)))
                    .isInstanceOfSatisfying(
                            OmapiException.class,
                            e -> assertThat(e.reason()).isEqualTo(OmapiException.Reason.NOT_FOUND));
            assertThatThrownBy(
                            () ->
                                    client.leaseDetails(
                                            HexFormat.ofDelimiter(":")
                                                    .parseHex("02:00:5e:00:53:99")))
                    .isInstanceOfSatisfying(
                            OmapiException.class,
                            e -> assertThat(e.reason()).isEqualTo(OmapiException.Reason.NOT_FOUND));
            assertThat(client.leaseDetails(address(dhcpd.leasedAddress)).state())
                    .isEqualTo(BindingState.ACTIVE);
        }
    }

    @Test
    void partnerGoneAndOperatorSetsPartnerDown_dhcpdMovesToPartnerDown() throws Exception {
        try (OmapiClient client = dhcpd.connect()) {
            // dhcpd spends its first 15 s in startup, then sees no partner
            await().atMost(Duration.ofSeconds(40))
                    .pollInterval(Duration.ofMillis(500))
                    .until(
                            () ->
                                    client.failoverState(LoneDhcpdPeer.PEER).local().state()
                                            == FailoverState.COMMUNICATIONS_INTERRUPTED);

            FailoverStatus after =
                    client.setLocalFailoverState(LoneDhcpdPeer.PEER, FailoverState.PARTNER_DOWN);

            assertThat(after.local().state()).isEqualTo(FailoverState.PARTNER_DOWN);
        }
        assertThat(dhcpd.logText()).contains("partner-down");
    }

    private static Inet4Address address(String text) throws Exception {
        return (Inet4Address) InetAddress.getByName(text);
    }
}
