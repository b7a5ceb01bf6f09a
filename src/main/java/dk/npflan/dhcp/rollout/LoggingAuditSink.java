package dk.npflan.dhcp.rollout;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.arc.DefaultBean;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

/**
 * The audit sink until the pipeline sends records to Kafka: one log line per record (warn when a
 * step did not end {@code done}) and the counter {@code
 * netbox_dhcpd_rollout_steps_total{step,outcome}}. A {@link DefaultBean}, so a Kafka sink replaces
 * it by simply existing.
 */
@DefaultBean
@ApplicationScoped
public class LoggingAuditSink implements AuditSink {

    /** Micrometer name of {@code netbox_dhcpd_rollout_steps_total}. */
    public static final String STEPS_METRIC = "netbox.dhcpd.rollout.steps";

    private static final Logger LOG = Logger.getLogger(LoggingAuditSink.class);

    private final MeterRegistry registry;

    public LoggingAuditSink(MeterRegistry registry) {
        this.registry = registry;
    }

    @Override
    public void record(AuditRecord record) {
        Object step = record.data().getOrDefault(RolloutAudit.STEP, "unknown");
        Object outcome = record.data().getOrDefault(RolloutAudit.OUTCOME, "unknown");
        Logger.Level level =
                StepOutcome.Kind.DONE.label().equals(outcome)
                        ? Logger.Level.INFO
                        : Logger.Level.WARN;
        LOG.logf(
                level,
                "rollout %s %s%s %s %s: %s (config %s, %s ms)",
                record.rolloutId(),
                step,
                record.data().containsKey(RolloutAudit.PEER)
                        ? "[" + record.data().get(RolloutAudit.PEER) + "]"
                        : "",
                outcome,
                record.data().get(RolloutAudit.REASON),
                record.data().get(RolloutAudit.DETAIL),
                Hashes.brief(record.subject()),
                record.data().get(RolloutAudit.DURATION_MILLIS));
        Counter.builder(STEPS_METRIC)
                .description(
                        "Rollout steps run, by step and outcome (done, retry, halt, roll-back)")
                .tag("step", String.valueOf(step))
                .tag("outcome", String.valueOf(outcome))
                .register(registry)
                .increment();
    }
}
