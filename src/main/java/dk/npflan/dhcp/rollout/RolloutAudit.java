package dk.npflan.dhcp.rollout;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The shape of the roller's audit records: one per step run, typed by outcome, with the config hash
 * as subject and the step, peer, reason, detail and duration in {@code data}. Sinks read the keys
 * named here.
 */
public final class RolloutAudit {

    /** Prefix of every rollout step record type. */
    public static final String TYPE_PREFIX = "dk.npflan.netbox-dhcpd.rollout.step.";

    public static final String STEP = "step";
    public static final String PEER = "peer";
    public static final String OUTCOME = "outcome";
    public static final String REASON = "reason";
    public static final String NOTE = "note";
    public static final String DETAIL = "detail";
    public static final String DURATION_MILLIS = "durationMillis";
    public static final String RESTART_REASON = "restartReason";

    private RolloutAudit() {}

    /** The record type for an outcome: {@code …step.completed|deferred|halted|failed}. */
    public static String type(StepOutcome.Kind kind) {
        return TYPE_PREFIX
                + switch (kind) {
                    case DONE -> "completed";
                    case RETRY -> "deferred";
                    case HALT -> "halted";
                    case ROLL_BACK -> "failed";
                };
    }

    static AuditRecord of(String rolloutId, RestartReason why, StepReport step, Instant at) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put(STEP, step.step().label());
        step.peer().ifPresent(role -> data.put(PEER, role.keyword()));
        data.put(OUTCOME, step.outcome().kind().label());
        data.put(REASON, step.outcome().reason().label());
        data.put(NOTE, step.outcome().reason().note());
        data.put(DETAIL, step.outcome().detail());
        data.put(DURATION_MILLIS, step.took().toMillis());
        data.put(RESTART_REASON, why.label());
        return new AuditRecord(type(step.outcome().kind()), step.hash(), at, rolloutId, data);
    }
}
