package dk.npflan.dhcp.agent;

import static org.assertj.core.api.Assertions.assertThat;

import dk.npflan.dhcp.dhcpd.DhcpdStatus;
import dk.npflan.dhcp.omapi.FailoverCode;
import dk.npflan.dhcp.omapi.FailoverStatus;
import dk.npflan.dhcp.probe.ProbeFailure;
import dk.npflan.dhcp.probe.ProbeOutcome;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

class AgentMetricsTest {

    private static final WatchdogStatus CRASH_LOOPING =
            new WatchdogStatus(
                    new DhcpdStatus(
                            DhcpdStatus.Phase.DOWN,
                            OptionalLong.empty(),
                            Duration.ZERO,
                            OptionalInt.of(1),
                            4),
                    Optional.of("ab".repeat(32)),
                    Optional.empty(),
                    true,
                    4,
                    Duration.ofSeconds(8),
                    true,
                    false,
                    Optional.empty(),
                    4,
                    1,
                    1);

    private static AgentMetrics metrics() {
        FailoverReading reading =
                new FailoverReading(
                        Optional.of(
                                new FailoverStatus(
                                        "failover-partner",
                                        new FailoverCode(3),
                                        new FailoverCode(254),
                                        OptionalInt.of(1),
                                        Optional.empty(),
                                        Optional.empty(),
                                        Optional.empty())),
                        Optional.empty(),
                        Instant.now());
        WatchdogStatus status = CRASH_LOOPING;
        // capturing lambdas, as in the agent: objects only the registry refers to
        return new AgentMetrics(() -> status, () -> reading, "failover-partner", () -> false);
    }

    @Test
    void scrape_seriesNamedWithUnitsTotalOnlyOnCounters_withHelp() {
        AgentMetrics metrics = metrics();
        metrics.recordProbe(
                new ProbeOutcome.NotReady(
                        ProbeFailure.TIMEOUT, "x", Optional.empty(), Duration.ofMillis(2000)));

        String text = metrics.scrape();

        assertThat(text)
                .contains("dhcpd_crash_loop 1.0")
                .contains("dhcpd_crash_loops_total 1.0")
                .contains("dhcpd_restarts_total{reason=\"automatic\",} 4.0")
                .contains("dhcpd_restarts_total{reason=\"requested\",} 1.0")
                .contains("dhcpd_restart_backoff_seconds 8.0")
                .contains("dhcpd_up 0.0")
                .contains(
                        "dhcpd_failover_state{failover_peer=\"failover-partner\",side=\"local\",} 3.0")
                .contains(
                        "dhcpd_failover_state{failover_peer=\"failover-partner\",side=\"partner\",}"
                                + " 254.0")
                .contains("dhcpd_probe_duration_seconds_bucket{result=\"TIMEOUT\",le=\"2.0\",} 1.0")
                .contains("dhcpd_ready 0.0")
                .contains("# HELP dhcpd_up ");
        for (String line : text.split("\n")) {
            if (line.startsWith("# TYPE ") && line.endsWith(" gauge")) {
                assertThat(line).doesNotContain("_total ");
            }
        }
    }

    @Test
    void afterGarbageCollection_gaugesAndCountersStillReadTheirSources() throws Exception {
        AgentMetrics metrics = metrics();
        for (int i = 0; i < 3; i++) {
            System.gc();
            Thread.sleep(20);
        }

        assertThat(metrics.scrape())
                .contains("dhcpd_crash_loop 1.0")
                .contains("dhcpd_restarts_total{reason=\"automatic\",} 4.0")
                .doesNotContain("NaN\ndhcpd_up");
    }
}
