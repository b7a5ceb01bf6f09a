package dk.npflan.dhcp.kea.control;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Optional;

/**
 * The states of Kea's HA hook ({@code libdhcp_ha.so}), as {@code status-get} and {@code
 * ha-heartbeat} name them, with what each means for serving. The names and the "DHCP service"
 * column are the Kea ARM's table "Default behavior of the server in various HA states"
 * (hooks-ha.rst); the list is the hook's {@code stateToString} in Kea 2.2.
 */
public enum KeaHaState {
    /** A backup server's steady state: receives lease updates, answers no clients by design. */
    BACKUP("backup", Health.NORMAL),
    /**
     * load-balancing mode, partner unreachable: keeps answering its own scope and queues lease
     * updates for the partner, so the partner holds no copy of new leases.
     */
    COMMUNICATION_RECOVERY("communication-recovery", Health.SERVING_ALONE),
    /** hot-standby mode, normal operation (the primary answers, the standby follows). */
    HOT_STANDBY("hot-standby", Health.NORMAL),
    /** load-balancing mode, normal operation (each answers its scope). */
    LOAD_BALANCING("load-balancing", Health.NORMAL),
    /** Told by its partner that it is being maintained: answers nobody, safe to shut down. */
    IN_MAINTENANCE("in-maintenance", Health.NOT_SERVING),
    /** Partner considered down: answers all scopes, sends no lease updates. */
    PARTNER_DOWN("partner-down", Health.SERVING_ALONE),
    /**
     * After {@code ha-maintenance-start} here: answers all scopes while the partner is maintained.
     */
    PARTNER_IN_MAINTENANCE("partner-in-maintenance", Health.SERVING_ALONE),
    /**
     * passive-backup mode's only active state: answers everything and copies leases to the backups;
     * there is no automatic failover in that mode, so this is its designed steady state.
     */
    PASSIVE_BACKUP("passive-backup", Health.NORMAL),
    /** Synchronised, waiting for the partner to return to normal operation; answers nobody yet. */
    READY("ready", Health.SYNCING),
    /** Fetching the partner's leases; answers nobody (and has disabled the partner's service). */
    SYNCING("syncing", Health.SYNCING),
    /**
     * HA given up (clock skew over 60 s, too many rejected lease updates): keeps answering as in
     * its normal state but exchanges neither lease updates nor heartbeats until restarted.
     */
    TERMINATED("terminated", Health.SERVING_ALONE),
    /** Every server's first state, and the state after each config-set: answers nobody. */
    WAITING("waiting", Health.NOT_SERVING),
    /** Only reported for a partner this server cannot reach; whether it serves is not known. */
    UNAVAILABLE("unavailable", Health.UNKNOWN),
    /** A name this build does not know (a later Kea); treated as unknown rather than guessed. */
    UNRECOGNISED("", Health.UNKNOWN);

    private final String raw;
    private final Health health;

    KeaHaState(String raw, Health health) {
        this.raw = raw;
        this.health = health;
    }

    /** Kea's own name for the state, e.g. {@code partner-down}; empty for {@link #UNRECOGNISED}. */
    @JsonValue
    public String raw() {
        return raw;
    }

    public Health health() {
        return health;
    }

    /** The state Kea named, or empty for a name this build does not know. */
    public static Optional<KeaHaState> of(String raw) {
        for (KeaHaState state : values()) {
            if (state != UNRECOGNISED && state.raw.equals(raw)) {
                return Optional.of(state);
            }
        }
        return Optional.empty();
    }

    /** For binding answers: an unknown name becomes {@link #UNRECOGNISED}, never an error. */
    @JsonCreator
    public static KeaHaState fromRaw(String raw) {
        return of(raw).orElse(UNRECOGNISED);
    }
}
