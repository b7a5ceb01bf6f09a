package dk.npflan.dhcp.probe;

import static org.assertj.core.api.Assertions.assertThat;

import dk.npflan.dhcp.config.Ipv4Address;
import dk.npflan.dhcp.probe.ProbeDhcpdLab.Addressing;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The probe against a real dhcpd for each way a pod's interface may be addressed: with {@code brd},
 * without, and a CNI's /32 with an on-link default route. Through the packet socket every one gets
 * a lease; the UDP fallback only where a real broadcast exists, and never towards 0.0.0.0 (which is
 * where the old probe sent without {@code brd}, and timed out).
 */
@Tag("netns")
@Tag("slow")
class ProbeAddressingTest {

    @ParameterizedTest
    @EnumSource(Addressing.class)
    void anyAddressing_probeInTheNamespaceGetsLeaseThroughThePacketSocket(Addressing addressing)
            throws Exception {
        try (ProbeDhcpdLab lab = ProbeDhcpdLab.start(addressing)) {
            ProbeOutcome outcome = lab.probeInside();

            assertThat(outcome)
                    .as(addressing + "\n" + lab.logText())
                    .isInstanceOfSatisfying(
                            ProbeOutcome.Ready.class,
                            ready -> {
                                assertThat(ready.via()).isEqualTo(ProbePath.AF_PACKET);
                                assertThat(ready.lease().serverId())
                                        .isEqualTo(ProbeDhcpdLab.SERVER);
                                assertThat(
                                                ProbeDhcpdLab.PROBE_SUBNET.contains(
                                                        ready.lease().address()))
                                        .isTrue();
                                assertThat(ready.lease().leaseTime())
                                        .isEqualTo(Duration.ofSeconds(60));
                            });
        }
    }

    @Test
    void slash32_probeCommandProcessGetsLeaseAndSaysAfPacket() throws Exception {
        try (ProbeDhcpdLab lab = ProbeDhcpdLab.start(Addressing.SLASH_32_ONLINK_DEFAULT)) {
            ProbeDhcpdLab.CommandResult probe = lab.probeCommand();

            assertThat(probe.exitCode()).as(probe.output() + lab.logText()).isZero();
            assertThat(probe.output())
                    .containsPattern(
                            "ready: lease 198\\.18\\.91\\.\\d+ from 198\\.18\\.90\\.1 for 60 s,"
                                    + " latency [0-9.]+ ms, via AF_PACKET");
        }
    }

    @Test
    void noPacketSocketButBrdSet_fallsBackToUdpBroadcastAndGetsLease() throws Exception {
        try (ProbeDhcpdLab lab = ProbeDhcpdLab.start(Addressing.SLASH_24_WITH_BRD)) {
            ProbeOutcome outcome = lab.probeInsideWithoutPacketSocket();

            assertThat(outcome)
                    .as(lab.logText())
                    .isInstanceOfSatisfying(
                            ProbeOutcome.Ready.class,
                            ready -> assertThat(ready.via()).isEqualTo(ProbePath.UDP_BROADCAST));
        }
    }

    @ParameterizedTest
    @EnumSource(
            value = Addressing.class,
            names = {"SLASH_24_WITHOUT_BRD", "SLASH_32_ONLINK_DEFAULT"})
    void noPacketSocketAndNoBroadcast_failsAtOnceAsNoSendPathInsteadOfSendingTo0000(
            Addressing addressing) throws Exception {
        try (ProbeDhcpdLab lab = ProbeDhcpdLab.start(addressing)) {
            ProbeOutcome outcome = lab.probeInsideWithoutPacketSocket();

            assertThat(outcome)
                    .isInstanceOfSatisfying(
                            ProbeOutcome.NotReady.class,
                            notReady -> {
                                assertThat(notReady.failure()).isEqualTo(ProbeFailure.NO_SEND_PATH);
                                assertThat(notReady.detail())
                                        .contains("EPERM (simulated)")
                                        .contains(lab.interfaceName + " (198.18.90.1/");
                            });
            assertThat(outcome.latency())
                    .as("decided before sending, not by waiting for the timeout")
                    .isLessThan(Duration.ofSeconds(2));
            assertThat(lab.logText()).doesNotContain("DHCPDISCOVER");
        }
    }

    @Test
    void commandWithoutCapNetRaw_brdSet_reallyGetsEpermAndFallsBackToUdpBroadcast()
            throws Exception {
        try (ProbeDhcpdLab lab = ProbeDhcpdLab.start(Addressing.SLASH_24_WITH_BRD)) {
            ProbeDhcpdLab.CommandResult probe =
                    lab.probeCommand("setpriv", "--bounding-set", "-net_raw");

            assertThat(probe.exitCode()).as(probe.output() + lab.logText()).isZero();
            assertThat(probe.output()).contains("ready: lease").contains("via UDP_BROADCAST");
        }
    }

    @Test
    void commandWithoutCapNetRaw_slash32_exitsOneNamingBothCauses() throws Exception {
        try (ProbeDhcpdLab lab = ProbeDhcpdLab.start(Addressing.SLASH_32_ONLINK_DEFAULT)) {
            ProbeDhcpdLab.CommandResult probe =
                    lab.probeCommand("setpriv", "--bounding-set", "-net_raw");

            assertThat(probe.exitCode()).as(probe.output()).isEqualTo(1);
            assertThat(probe.output())
                    .contains("not ready: NO_SEND_PATH")
                    .contains("Operation not permitted")
                    .contains("needs CAP_NET_RAW")
                    .contains("has no broadcast address");
        }
    }

    @Test
    void serverIdentifierConfigured_probeExpectingItGetsLease_probeExpectingTheInterfaceDoesNot()
            throws Exception {
        Ipv4Address serviceIp = Ipv4Address.of("10.96.6.1");
        try (ProbeDhcpdLab lab =
                ProbeDhcpdLab.start(Addressing.SLASH_32_ONLINK_DEFAULT, Optional.of(serviceIp))) {
            ProbeOutcome expectingServiceIp = lab.probeInside(Optional.of(serviceIp));
            ProbeOutcome expectingInterface = lab.probeInside(Optional.empty());

            assertThat(expectingServiceIp)
                    .as(lab.logText())
                    .isInstanceOfSatisfying(
                            ProbeOutcome.Ready.class,
                            ready -> assertThat(ready.lease().serverId()).isEqualTo(serviceIp));
            assertThat(expectingInterface)
                    .isInstanceOfSatisfying(
                            ProbeOutcome.NotReady.class,
                            notReady ->
                                    assertThat(notReady.failure())
                                            .isEqualTo(ProbeFailure.WRONG_SERVER));
        }
    }
}
