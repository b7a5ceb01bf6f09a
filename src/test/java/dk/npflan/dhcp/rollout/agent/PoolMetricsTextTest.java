package dk.npflan.dhcp.rollout.agent;

import static org.assertj.core.api.Assertions.assertThat;

import dk.npflan.dhcp.agent.leases.PoolLayoutParser;
import dk.npflan.dhcp.agent.leases.PoolUsageMetrics;
import dk.npflan.dhcp.agent.leases.PoolUsageMonitor;
import dk.npflan.dhcp.rollout.SubnetUtilization;
import io.micrometer.prometheus.PrometheusConfig;
import io.micrometer.prometheus.PrometheusMeterRegistry;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import org.junit.jupiter.api.Test;

/**
 * The status page reads the agents' own Prometheus text: this parses what the agent's exporter
 * really writes for the hand-counted pool fixture (docs/dhcpd.md's counting rules).
 */
class PoolMetricsTextTest {

    private static final Path FIXTURES = Path.of("src/test/resources/agent");

    @Test
    void agentScrapeOfTheFixture_givesEachSubnetWithRangesItsShareActiveAndSize() throws Exception {
        PoolUsageMonitor monitor =
                new PoolUsageMonitor(FIXTURES.resolve("pools.leases"), Clock.systemUTC());
        monitor.useLayout(PoolLayoutParser.parse(Files.readString(FIXTURES.resolve("pools.conf"))));
        monitor.refresh();
        PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        new PoolUsageMetrics(monitor).bindTo(registry);

        assertThat(PoolMetricsText.parse(registry.scrape()))
                .extracting(SubnetUtilization::subnet)
                .containsExactlyInAnyOrder("10.0.11.0/28", "10.0.12.0/24");
        assertThat(PoolMetricsText.parse(registry.scrape()))
                .filteredOn(s -> s.subnet().equals("10.0.11.0/28"))
                .singleElement()
                .satisfies(
                        s -> {
                            assertThat(s.size()).isEqualTo(9);
                            assertThat(s.utilization()).isEqualTo(s.active() / (double) s.size());
                        });
    }

    @Test
    void nanSeriesOtherMetricsAndEscapedLabels_skippedOrRead() {
        String text =
                """
                # HELP dhcpd_subnet_utilization_ratio Active addresses over all range addresses
                # TYPE dhcpd_subnet_utilization_ratio gauge
                dhcpd_subnet_utilization_ratio{subnet="10.1.0.0/24"} 0.5
                dhcpd_subnet_utilization_ratio{subnet="10.2.0.0/24"} NaN
                dhcpd_subnet_size_addresses{subnet="10.1.0.0/24"} 100.0
                dhcpd_subnet_addresses{state="free",subnet="10.1.0.0/24"} 50.0
                dhcpd_subnet_addresses{state="active",subnet="10.1.0.0/24"} 50.0
                dhcpd_pool_utilization_ratio{range="10.1.0.10-10.1.0.109",subnet="10.1.0.0/24"} 0.5
                dhcpd_subnet_utilization_ratio{subnet="odd\\"name"} 1.0
                jvm_threads_live_threads 30.0
                """;

        assertThat(PoolMetricsText.parse(text))
                .containsExactly(
                        new SubnetUtilization("10.1.0.0/24", 0.5, 50, 100),
                        new SubnetUtilization("odd\"name", 1.0, -1, -1));
    }
}
