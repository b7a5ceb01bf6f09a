package dk.npflan.dhcp.agent.leases;

import static dk.npflan.dhcp.agent.leases.LeaseFileReaderTest.lease;
import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.prometheus.PrometheusConfig;
import io.micrometer.prometheus.PrometheusMeterRegistry;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PoolUsageMetricsTest {

    @TempDir Path dir;

    @Test
    void handComputedFixture_scrapeShowsPoolSubnetAndLeaseFileSeries() throws Exception {
        PrometheusMeterRegistry registry = fixtureRegistry(fixtureMonitor());

        String text = registry.scrape();

        assertThat(
                        value(
                                text,
                                "dhcpd_pool_addresses",
                                "range=\"10.0.11.4-10.0.11.10\"",
                                "state=\"free\""))
                .isEqualTo(2.0);
        assertThat(
                        value(
                                text,
                                "dhcpd_pool_addresses",
                                "range=\"10.0.11.12-10.0.11.13\"",
                                "state=\"reset\""))
                .isEqualTo(1.0);
        assertThat(value(text, "dhcpd_pool_size_addresses", "range=\"10.0.12.4-10.0.12.8\""))
                .isEqualTo(5.0);
        assertThat(value(text, "dhcpd_pool_utilization_ratio", "range=\"10.0.11.12-10.0.11.13\""))
                .isEqualTo(0.5);
        assertThat(
                        value(
                                text,
                                "dhcpd_subnet_addresses",
                                "subnet=\"10.0.12.0/24\"",
                                "state=\"active\""))
                .isEqualTo(3.0);
        assertThat(value(text, "dhcpd_subnet_size_addresses", "subnet=\"10.0.11.0/28\""))
                .isEqualTo(9.0);
        assertThat(value(text, "dhcpd_subnet_utilization_ratio", "subnet=\"10.0.12.0/24\""))
                .isEqualTo(0.5);
        assertThat(value(text, "dhcpd_leases_parse_errors_total", "reason=\"malformed\""))
                .isEqualTo(2.0);
        assertThat(value(text, "dhcpd_leases_parse_errors_total", "reason=\"torn\""))
                .isEqualTo(1.0);
        assertThat(value(text, "dhcpd_leases_file_bytes"))
                .isEqualTo((double) Files.size(PoolUsageTest.fixture("pools.leases")));
        assertThat(value(text, "dhcpd_leases_addresses")).isEqualTo(14.0);
        assertThat(value(text, "dhcpd_leases_outside_ranges_addresses")).isEqualTo(1.0);
        assertThat(text)
                .contains(
                        "# HELP dhcpd_pool_addresses Addresses of a dhcpd range by binding state");
        assertThat(text).contains("# TYPE dhcpd_leases_parse_errors_total counter");
        assertThat(text).doesNotContain("10.90.0.0/16"); // no ranges, no series
    }

    @Test
    void handComputedFixture_seriesPerRangeAreSevenStatesAndNothingFromLeaseContent()
            throws Exception {
        String text = fixtureRegistry(fixtureMonitor()).scrape();

        assertThat(lines(text, "dhcpd_pool_addresses{")).hasSize(4 * 7);
        assertThat(lines(text, "dhcpd_subnet_addresses{")).hasSize(2 * 7);
        assertThat(text)
                .doesNotContain("02:00:5e")
                .doesNotContain("laptop")
                .doesNotContain("10.99.0.1");
    }

    @Test
    void subnetDetailOnly_noPerRangeSeries() throws Exception {
        PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        new PoolUsageMetrics(fixtureMonitor(), PoolMetricsDetail.SUBNETS).bindTo(registry);

        String text = registry.scrape();

        assertThat(lines(text, "dhcpd_pool_")).isEmpty();
        assertThat(lines(text, "dhcpd_subnet_addresses{")).hasSize(2 * 7);
    }

    @Test
    void poolsChange_seriesOfTheOldLayoutAreReplaced() throws Exception {
        PoolUsageMonitor monitor = fixtureMonitor();
        PrometheusMeterRegistry registry = fixtureRegistry(monitor);

        monitor.useLayout(
                PoolLayoutParser.parse(
                        "subnet 10.5.0.0 netmask 255.255.255.0 { range 10.5.0.1 10.5.0.2; }"));
        monitor.refresh();
        String text = registry.scrape();

        assertThat(text).doesNotContain("10.0.11.0/28");
        assertThat(value(text, "dhcpd_pool_addresses", "subnet=\"10.5.0.0/24\"", "state=\"free\""))
                .isEqualTo(2.0);
    }

    @Test
    void samePoolsParsedAgain_seriesKeepTheirValues() throws Exception {
        PoolUsageMonitor monitor = fixtureMonitor();
        PrometheusMeterRegistry registry = fixtureRegistry(monitor);

        monitor.useLayout(PoolLayoutParser.parse(PoolUsageTest.fixture("pools.conf")));
        monitor.refresh();
        String text = registry.scrape();

        assertThat(value(text, "dhcpd_subnet_size_addresses", "subnet=\"10.0.11.0/28\""))
                .isEqualTo(9.0);
        assertThat(text).doesNotContain("NaN");
    }

    @Test
    void refreshIfOlderThan_pollsOnlyAfterTheMinimumInterval() throws IOException {
        Path file = dir.resolve("dhcpd.leases");
        Files.writeString(file, lease("10.5.0.1", "active"));
        MutableClock clock = new MutableClock();
        PoolUsageMonitor monitor = new PoolUsageMonitor(file, clock);
        monitor.useLayout(
                PoolLayoutParser.parse(
                        "subnet 10.5.0.0 netmask 255.255.255.0 { range 10.5.0.1 10.5.0.2; }"));
        monitor.refresh();

        Files.writeString(file, lease("10.5.0.2", "active"), StandardOpenOption.APPEND);
        long soon = active(monitor.refreshIfOlderThan(Duration.ofSeconds(10)));
        clock.now = clock.now.plusSeconds(11);
        long later = active(monitor.refreshIfOlderThan(Duration.ofSeconds(10)));

        assertThat(soon).isEqualTo(1);
        assertThat(later).isEqualTo(2);
    }

    private static long active(PoolUsage usage) {
        return usage.subnets().get(0).counts().count(dk.npflan.dhcp.omapi.BindingState.ACTIVE);
    }

    private static PoolUsageMonitor fixtureMonitor() throws IOException, URISyntaxException {
        PoolUsageMonitor monitor =
                new PoolUsageMonitor(PoolUsageTest.fixture("pools.leases"), Clock.systemUTC());
        monitor.useLayout(PoolLayoutParser.parse(PoolUsageTest.fixture("pools.conf")));
        monitor.refresh();
        return monitor;
    }

    private static PrometheusMeterRegistry fixtureRegistry(PoolUsageMonitor monitor) {
        PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        new PoolUsageMetrics(monitor).bindTo(registry);
        return registry;
    }

    private static List<String> lines(String text, String prefix) {
        return Arrays.stream(text.split("\n")).filter(l -> l.startsWith(prefix)).toList();
    }

    /** The value of the one series of {@code name} whose labels contain all {@code labels}. */
    static double value(String text, String name, String... labels) {
        Pattern line =
                Pattern.compile(
                        "^" + Pattern.quote(name) + "(\\{[^}]*\\})? (\\S+)$", Pattern.MULTILINE);
        Matcher m = line.matcher(text);
        Double found = null;
        while (m.find()) {
            String labelText = m.group(1) == null ? "" : m.group(1);
            if (Arrays.stream(labels).allMatch(labelText::contains)) {
                assertThat(found)
                        .as("more than one series of %s with %s", name, List.of(labels))
                        .isNull();
                found = Double.parseDouble(m.group(2));
            }
        }
        assertThat(found).as("series %s with %s in:\n%s", name, List.of(labels), text).isNotNull();
        return found;
    }

    private static final class MutableClock extends Clock {
        Instant now = Instant.parse("2026-12-01T08:00:00Z");

        @Override
        public java.time.ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }
}
