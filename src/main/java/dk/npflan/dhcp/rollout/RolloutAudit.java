package dk.npflan.dhcp.rollout;

import dk.npflan.dhcp.config.PeerRole;
import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The shape of the roller's audit records: one per step run when it ends, typed by outcome, and one
 * more when a step that restarts a peer starts ({@link #TYPE_STARTED}), so that a restart which
 * takes the whole restart deadline is visible while it runs. The subject is the config hash; {@code
 * data} holds the step, peer, reason, detail and duration, and for peer restarts the failover
 * states of both peers. Sinks read the keys named here.
 */
public final class RolloutAudit {

    /** Prefix of every rollout step record type. */
    public static final String TYPE_PREFIX = "dk.npflan.netbox-dhcpd.rollout.step.";

    /**
     * A peer restart step began; the step's end is one of the {@link #type(StepOutcome.Kind)}
     * records. Not a step run: it has no outcome and is not counted.
     */
    public static final String TYPE_STARTED = TYPE_PREFIX + "started";

    public static final String STEP = "step";
    public static final String PEER = "peer";
    public static final String OUTCOME = "outcome";
    public static final String REASON = "reason";
    public static final String NOTE = "note";
    public static final String DETAIL = "detail";
    public static final String DURATION_MILLIS = "durationMillis";
    public static final String RESTART_REASON = "restartReason";

    /** The hash a restart step starts a peer on (also the subject). */
    public static final String HASH = "hash";

    /**
     * Peer restart steps: the failover states of both peers from the roller's last poll (before the
     * step in the started record, at its end in the others), as {@code {observedAt, secondary:
     * {localState, partnerState}, primary: {…}}}; an unreachable peer is {@code {unreachable:
     * why}}.
     */
    public static final String FAILOVER = "failover";

    public static final String OBSERVED_AT = "observedAt";
    public static final String LOCAL_STATE = "localState";
    public static final String PARTNER_STATE = "partnerState";
    public static final String UNREACHABLE = "unreachable";

    /** A state the agent could not read. */
    private static final String UNKNOWN = "unknown";

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

    /** The record of a peer restart step that begins, with the states seen last before it. */
    static AuditRecord started(
            String rolloutId,
            RestartReason why,
            RolloutStep step,
            PeerRole peer,
            String hash,
            Optional<PairObservation> before,
            Instant at) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put(STEP, step.label());
        data.put(PEER, peer.keyword());
        data.put(HASH, hash);
        data.put(RESTART_REASON, why.label());
        before.ifPresent(seen -> data.put(FAILOVER, failover(seen)));
        return new AuditRecord(TYPE_STARTED, hash, at, rolloutId, data);
    }

    /** The record of a step that ended; {@code after} only for peer restart steps. */
    static AuditRecord of(
            String rolloutId,
            RestartReason why,
            StepReport step,
            Optional<PairObservation> after,
            Instant at) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put(STEP, step.step().label());
        step.peer().ifPresent(role -> data.put(PEER, role.keyword()));
        data.put(OUTCOME, step.outcome().kind().label());
        data.put(REASON, step.outcome().reason().label());
        data.put(NOTE, step.outcome().reason().note());
        data.put(DETAIL, step.outcome().detail());
        data.put(DURATION_MILLIS, step.took().toMillis());
        data.put(RESTART_REASON, why.label());
        after.ifPresent(seen -> data.put(FAILOVER, failover(seen)));
        return new AuditRecord(type(step.outcome().kind()), step.hash(), at, rolloutId, data);
    }

    private static Map<String, Object> failover(PairObservation seen) {
        Map<String, Object> pair = new LinkedHashMap<>();
        pair.put(OBSERVED_AT, seen.at().toString());
        for (PeerObservation peer : seen.peers()) {
            pair.put(peer.role().keyword(), failover(peer));
        }
        return Collections.unmodifiableMap(pair);
    }

    private static Map<String, Object> failover(PeerObservation peer) {
        Map<String, Object> states = new LinkedHashMap<>();
        if (peer instanceof PeerObservation.Unreachable unreachable) {
            states.put(UNREACHABLE, String.valueOf(unreachable.reason()));
        }
        peer.state()
                .ifPresent(
                        s -> {
                            states.put(LOCAL_STATE, PeerState.raw(s.localHealth(), UNKNOWN));
                            states.put(PARTNER_STATE, PeerState.raw(s.partnerHealth(), UNKNOWN));
                        });
        return Collections.unmodifiableMap(states);
    }
}
