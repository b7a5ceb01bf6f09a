package dk.npflan.dhcp.deploy;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import dk.npflan.dhcp.agent.AgentMetrics;
import dk.npflan.dhcp.agent.FailoverReading;
import dk.npflan.dhcp.agent.WatchdogStatus;
import dk.npflan.dhcp.agent.leases.PoolLayoutParser;
import dk.npflan.dhcp.agent.leases.PoolUsageMetrics;
import dk.npflan.dhcp.agent.leases.PoolUsageMonitor;
import dk.npflan.dhcp.dhcpd.DhcpdStatus;
import dk.npflan.dhcp.kafka.KafkaTestBroker;
import dk.npflan.dhcp.omapi.FailoverCode;
import dk.npflan.dhcp.omapi.FailoverStatus;
import dk.npflan.dhcp.probe.ProbeFailure;
import dk.npflan.dhcp.probe.ProbeOutcome;
import dk.npflan.dhcp.rollout.AuditRecord;
import dk.npflan.dhcp.rollout.AuditSink;
import dk.npflan.dhcp.rollout.RolloutAudit;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Every metric the alert rules and the Grafana dashboard query is one the software really exports:
 * the listener's names come from a live {@code /q/metrics} of the booted app (after one webhook and
 * one rollout audit record, so the counters created on first use exist), the agent's from its real
 * {@link AgentMetrics} registry with the lease-file pool metrics bound, over fixture files.
 */
@QuarkusTest
@QuarkusTestResource(KafkaTestBroker.class)
@Tag("slow")
class MonitoringMetricNamesTest {

    /**
     * The pipeline's series ({@code pipeline.ReconcileMetrics} on branch {@code pipeline}), not on
     * this branch yet. Remove this list when the pipeline is merged: the test then finds them on
     * {@code /q/metrics} like every other name.
     */
    @Inject AuditSink audit;

    /**
     * Series that others make: Prometheus' {@code up} per target, and the kubelet's volume stats
     * (the lease volume alert). Everything else must come from the listener or the agent.
     */
    private static final Set<String> FROM_PROMETHEUS_AND_KUBELET =
            Set.of("up", "kubelet_volume_stats_used_bytes", "kubelet_volume_stats_capacity_bytes");

    @Test
    void everyMetricInRulesAndDashboard_isExportedByTheListenerOrTheAgent() throws Exception {
        Set<String> exported = new TreeSet<>(listenerSeries());
        exported.addAll(agentSeries());
        exported.addAll(FROM_PROMETHEUS_AND_KUBELET);

        Map<String, Set<String>> used = new TreeMap<>();
        MonitoringObjects.load()
                .expressions()
                .forEach(
                        (expr, where) ->
                                used.computeIfAbsent(where, w -> new TreeSet<>())
                                        .addAll(PromQlMetricNames.of(expr)));

        assertThat(used).isNotEmpty();
        used.forEach(
                (where, names) -> {
                    assertThat(names).as(where + " selects a metric").isNotEmpty();
                    assertThat(exported).as(where).containsAll(names);
                });
        // the issue's four dashboard areas and the alerts' sources are all queried
        Set<String> all = new TreeSet<>();
        used.values().forEach(all::addAll);
        assertThat(all)
                .contains(
                        "netbox_webhooks_total",
                        "netbox_dhcpd_reconciles_total",
                        "netbox_dhcpd_rollout_steps_total",
                        "dhcpd_failover_state",
                        "dhcpd_subnet_utilization_ratio",
                        "dhcpd_pool_utilization_ratio",
                        "dhcpd_crash_loop",
                        "dhcpd_ready",
                        "dhcpd_config_mounted_matches_running",
                        "netbox_dhcpd_pending_event_age_seconds");
    }

    private Set<String> listenerSeries() {
        given().contentType("application/json")
                .header("X-Hook-Signature", "00")
                .body("{}")
                .post("/webhooks/netbox")
                .then()
                .statusCode(401);
        audit.record(
                new AuditRecord(
                        RolloutAudit.TYPE_PREFIX + "completed",
                        "ab".repeat(32),
                        Instant.now(),
                        "metric-names",
                        Map.of(
                                RolloutAudit.STEP,
                                "restart-secondary",
                                RolloutAudit.OUTCOME,
                                "halt")));
        return series(given().get("/q/metrics").then().statusCode(200).extract().asString());
    }

    private static Set<String> agentSeries() throws Exception {
        WatchdogStatus running =
                new WatchdogStatus(
                        new DhcpdStatus(
                                DhcpdStatus.Phase.UP,
                                OptionalLong.of(42),
                                Duration.ofSeconds(5),
                                OptionalInt.empty(),
                                0),
                        Optional.of("ab".repeat(32)),
                        Optional.of(Instant.now()),
                        false,
                        0,
                        Duration.ZERO,
                        false,
                        false,
                        Optional.empty(),
                        0,
                        0,
                        0);
        FailoverReading reading =
                new FailoverReading(
                        Optional.of(
                                new FailoverStatus(
                                        "failover-partner",
                                        new FailoverCode(2),
                                        new FailoverCode(2),
                                        OptionalInt.empty(),
                                        Optional.empty(),
                                        Optional.empty(),
                                        Optional.empty())),
                        Optional.empty(),
                        Instant.now());
        AgentMetrics metrics =
                new AgentMetrics(() -> running, () -> reading, "failover-partner", () -> true);
        // the probe histogram exists once a probe ran, whatever its result
        metrics.recordProbe(
                new ProbeOutcome.NotReady(
                        ProbeFailure.TIMEOUT, "x", Optional.empty(), Duration.ofMillis(2000)));
        PoolUsageMonitor monitor = new PoolUsageMonitor(fixture("pools.leases"), Clock.systemUTC());
        monitor.useLayout(PoolLayoutParser.parse(fixture("pools.conf")));
        monitor.refresh();
        metrics.bind(new PoolUsageMetrics(monitor));
        return series(metrics.scrape());
    }

    private static Path fixture(String name) throws Exception {
        return Path.of(MonitoringMetricNamesTest.class.getResource("/agent/" + name).toURI());
    }

    /** The sample names of a Prometheus text exposition (what PromQL selects). */
    static Set<String> series(String exposition) {
        Set<String> names = new TreeSet<>();
        for (String line : exposition.split("\n")) {
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            int end = line.indexOf('{');
            names.add(line.substring(0, end < 0 ? line.indexOf(' ') : end));
        }
        return names;
    }
}
