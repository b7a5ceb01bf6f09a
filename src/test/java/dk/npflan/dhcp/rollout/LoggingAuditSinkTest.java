package dk.npflan.dhcp.rollout;

import static org.assertj.core.api.Assertions.assertThat;

import dk.npflan.dhcp.rollout.SimulatedPair.Behaviour;
import io.micrometer.prometheus.PrometheusConfig;
import io.micrometer.prometheus.PrometheusMeterRegistry;
import org.junit.jupiter.api.Test;

/**
 * The logging sink counts every step run by step and outcome, with HELP text, in Prometheus form; a
 * restart's started record is not a run.
 */
class LoggingAuditSinkTest {

    private final PrometheusMeterRegistry registry =
            new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);

    @Test
    void rollbackRollout_countsEachStepOnceByOutcome() {
        RollerFixture f = new RollerFixture();
        f.pair.secondary().on(f.newHash(), Behaviour.REJECT);

        f.rollNew(f.roller(new LoggingAuditSink(registry)));

        String scrape = registry.scrape();
        assertThat(scrape)
                .contains("# HELP netbox_dhcpd_rollout_steps_total Rollout steps run")
                .contains("# TYPE netbox_dhcpd_rollout_steps_total counter")
                .contains(
                        "netbox_dhcpd_rollout_steps_total{outcome=\"done\",step=\"publish\",} 1.0")
                .contains(
                        "netbox_dhcpd_rollout_steps_total{outcome=\"roll-back\",step=\"restart-secondary\",} 1.0")
                .contains(
                        "netbox_dhcpd_rollout_steps_total{outcome=\"done\",step=\"rollback-secondary\",} 1.0")
                .doesNotContain("step=\"restart-primary\"");
    }

    @Test
    void restartStartedRecords_areNotCountedAsStepRuns() {
        RollerFixture f = new RollerFixture();

        RolloutReport report = f.rollNew(f.roller(new LoggingAuditSink(registry)));

        double restarts =
                registry
                        .get(LoggingAuditSink.STEPS_METRIC)
                        .tag("step", "restart-secondary")
                        .counters()
                        .stream()
                        .mapToDouble(c -> c.count())
                        .sum();
        assertThat(restarts).isEqualTo(1.0);
        double all =
                registry.get(LoggingAuditSink.STEPS_METRIC).counters().stream()
                        .mapToDouble(c -> c.count())
                        .sum();
        assertThat(all).isEqualTo(report.steps().size());
        assertThat(registry.scrape()).doesNotContain("outcome=\"unknown\"");
    }

    @Test
    void secondRollout_incrementsTheSameSeries() {
        RollerFixture f = new RollerFixture();
        LoggingAuditSink sink = new LoggingAuditSink(registry);

        f.rollNew(f.roller(sink));
        f.rollNew(f.roller(sink));

        assertThat(
                        registry.get(LoggingAuditSink.STEPS_METRIC)
                                .tag("step", "compare")
                                .counter()
                                .count())
                .isEqualTo(2.0);
        assertThat(
                        registry.get(LoggingAuditSink.STEPS_METRIC)
                                .tag("step", "publish")
                                .counter()
                                .count())
                .isEqualTo(1.0);
    }
}
