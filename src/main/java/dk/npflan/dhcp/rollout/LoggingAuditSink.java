package dk.npflan.dhcp.rollout;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.arc.DefaultBean;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.jboss.logging.Logger;

/**
 * The audit sink until the pipeline sends records to Kafka: one log line per record (warn when a
 * step did not end {@code done}) and the counter {@code
 * netbox_dhcpd_rollout_steps_total{step,outcome}}, one count per step run: a peer restart's {@link
 * RolloutAudit#TYPE_STARTED} record is logged, not counted. A {@link DefaultBean}, so a Kafka sink
 * replaces it by simply existing.
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
        if (RolloutAudit.TYPE_STARTED.equals(record.type())) {
            // the step's end is its run, logged and counted then
            LOG.infof(
                    "rollout %s %s%s started (config %s, %s; failover %s)",
                    record.rolloutId(),
                    step,
                    peer(record),
                    Hashes.brief(record.subject()),
                    record.data().get(RolloutAudit.RESTART_REASON),
                    failover(record.data().get(RolloutAudit.FAILOVER)));
            return;
        }
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
                peer(record),
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

    /**
     * {@code secondary normal/normal, primary normal/normal at …} from {@link
     * RolloutAudit#FAILOVER}.
     */
    private static String failover(Object states) {
        if (!(states instanceof Map<?, ?> pair)) {
            return "not seen yet";
        }
        List<String> peers = new ArrayList<>();
        pair.forEach(
                (role, seen) -> {
                    if (seen instanceof Map<?, ?> peer) {
                        peers.add(
                                role
                                        + " "
                                        + (peer.containsKey(RolloutAudit.UNREACHABLE)
                                                ? "unreachable"
                                                : peer.get(RolloutAudit.LOCAL_STATE)
                                                        + "/"
                                                        + peer.get(RolloutAudit.PARTNER_STATE)));
                    }
                });
        return String.join(", ", peers) + " at " + pair.get(RolloutAudit.OBSERVED_AT);
    }

    private static String peer(AuditRecord record) {
        return record.data().containsKey(RolloutAudit.PEER)
                ? "[" + record.data().get(RolloutAudit.PEER) + "]"
                : "";
    }
}
