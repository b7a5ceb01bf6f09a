package dk.npflan.dhcp.command;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * {@code lease} and {@code partner-down} before and beside a real pair: what they refuse without a
 * network, and {@code lease} on the Kea backend against stand-in control agents answering as Kea
 * 2.2's {@code lease4-get} does. The dhcpd side runs against the local pair in {@link
 * ConsoleEmbeddedIT}.
 */
class LeaseAndPartnerDownCommandTest {

    private static final String KEA_LEASE =
            "[{\"result\":0,\"text\":\"IPv4 lease found.\",\"arguments\":{\"cltt\":1796011200,"
                    + "\"fqdn-fwd\":false,\"fqdn-rev\":false,\"hostname\":\"laptop-7\","
                    + "\"hw-address\":\"02:00:5e:00:53:07\",\"ip-address\":\"198.18.100.150\","
                    + "\"state\":0,\"subnet-id\":3,\"valid-lft\":3600}}]";

    @Test
    void addressOrMac_parsedStrictly() {
        assertThat(LeaseQuery.parse("198.18.100.150")).isInstanceOf(LeaseQuery.ByAddress.class);
        assertThat(LeaseQuery.parse("02-00-5E-00-53-01"))
                .isEqualTo(new LeaseQuery.ByMac("02:00:5e:00:53:01"));
        assertThatThrownBy(() -> LeaseQuery.parse("198.18.100.256"))
                .hasMessageContaining("neither an IPv4 address nor a MAC");
        assertThatThrownBy(() -> LeaseQuery.parse("laptop-7"))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void lease_noKeyFileSet_saysWhichSettingExitTwo() {
        CommandRun r =
                CommandRun.of("lease", "198.18.100.150", "--primary", "a", "--secondary", "b");

        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err()).contains("lease: no OMAPI key: set netbox-dhcpd.omapi.key-file");
    }

    @Test
    void lease_notAnAddressOrMac_exitTwo() {
        CommandRun r = CommandRun.of("lease", "laptop-7", "--primary", "a", "--secondary", "b");

        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err()).contains("'laptop-7' is neither an IPv4 address nor a MAC");
    }

    @Test
    void lease_keaBothAgentsHoldIt_oneLinePerPeerFromLease4GetExitZero() throws Exception {
        try (StandIn primary = new StandIn().answer("POST /", 200, KEA_LEASE);
                StandIn secondary = new StandIn().answer("POST /", 200, KEA_LEASE)) {
            CommandRun r =
                    CommandRun.of(
                            Map.of("netbox-dhcpd.backend", "kea"),
                            "lease",
                            "198.18.100.150",
                            "--primary",
                            primary.url(),
                            "--secondary",
                            secondary.url());

            assertThat(r.code()).as(r.err()).isZero();
            assertThat(r.out().lines())
                    .hasSize(2)
                    .allSatisfy(
                            l ->
                                    assertThat(l)
                                            .contains(
                                                    "198.18.100.150   default   02:00:5e:00:53:07"
                                                            + "  \"laptop-7\"  starts"
                                                            + " 2026-11-30T04:00:00Z  ends"
                                                            + " 2026-11-30T05:00:00Z"));
            assertThat(primary.requests("POST"))
                    .singleElement()
                    .satisfies(
                            q ->
                                    assertThat(q.body())
                                            .contains("\"command\":\"lease4-get\"")
                                            .contains("\"ip-address\":\"198.18.100.150\"")
                                            .contains("\"service\":[\"dhcp4\"]"));
        }
    }

    @Test
    void lease_keaSecondaryHasNone_saysSoExitOne() throws Exception {
        try (StandIn primary =
                        new StandIn()
                                .answer(
                                        "POST /",
                                        200,
                                        "[{\"result\":0,\"arguments\":{\"leases\":["
                                                + KEA_LEASE.substring(
                                                        KEA_LEASE.indexOf("{\"cltt"),
                                                        KEA_LEASE.length() - 2)
                                                + "]}}]");
                StandIn secondary =
                        new StandIn()
                                .answer(
                                        "POST /",
                                        200,
                                        "[{\"result\":3,\"text\":\"Lease not found.\"}]")) {
            CommandRun r =
                    CommandRun.of(
                            Map.of("netbox-dhcpd.backend", "kea"),
                            "lease",
                            "02:00:5e:00:53:07",
                            "--primary",
                            primary.url(),
                            "--secondary",
                            secondary.url());

            assertThat(r.code()).as(r.err()).isEqualTo(1);
            assertThat(r.out())
                    .contains("primary    198.18.100.150")
                    .contains(
                            "secondary  no lease for 02:00:5e:00:53:07: Kea holds no lease for"
                                    + " 02:00:5e:00:53:07");
            assertThat(primary.requests("POST").get(0).body())
                    .contains("\"command\":\"lease4-get-by-hw-address\"");
        }
    }

    @Test
    void lease_keaAgentNotListening_exitTwo() throws Exception {
        String gone = StandIn.closedUrl();
        CommandRun r =
                CommandRun.of(
                        Map.of("netbox-dhcpd.backend", "kea"),
                        "lease",
                        "198.18.100.150",
                        "--primary",
                        gone,
                        "--secondary",
                        gone);

        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err()).contains("lease: the primary could not be asked");
    }

    @Test
    void partnerDown_questionNotAnswered_refusedBeforeAnyConnectionExitOne() {
        CommandRun r =
                CommandRun.of(
                        Map.of("netbox-dhcpd.omapi.key-file", "/nonexistent/omapi.key"),
                        "partner-down",
                        "--role",
                        "secondary",
                        "--server",
                        "192.0.2.2",
                        "--other",
                        "192.0.2.1");

        assertThat(r.code()).isEqualTo(1);
        assertThat(r.err())
                .contains("refused: is the primary down and unable to come back by itself")
                .contains("--other-peer-is-down");
    }

    @Test
    void partnerDown_keaBackend_nothingToWriteExitTwo() {
        CommandRun r =
                CommandRun.of(
                        Map.of("netbox-dhcpd.backend", "kea"),
                        "partner-down",
                        "--role",
                        "primary",
                        "--server",
                        "192.0.2.1",
                        "--other",
                        "192.0.2.2",
                        "--other-peer-is-down");

        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err()).contains("Kea's HA goes to partner-down by itself");
    }
}
