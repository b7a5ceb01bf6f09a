package dk.npflan.dhcp.peer;

import com.fasterxml.jackson.annotation.JsonEnumDefaultValue;

/**
 * How one server of a failover pair stands, in words that belong to no DHCP server: what the
 * rollout's gates decide on. Each server's own states are mapped onto these where that server is
 * known (dhcpd's failover states: {@code dhcpd.FailoverHealth}), and the raw state travels beside
 * them for people to read ({@link HealthReading}), so the rollout never learns a server's
 * vocabulary.
 */
public enum PeerHealth {
    /** Serving as a pair, in step with its partner: the one state in which its partner may go. */
    NORMAL,
    /** Coming up or catching up with its partner; not safe to move on yet, waiting can end it. */
    SYNCING,
    /** Serving, but out of touch with its partner (dhcpd's communications-interrupted). */
    PARTNER_UNREACHABLE,
    /** Serving the whole pool alone: its partner is taken to be down (dhcpd's partner-down). */
    SERVING_ALONE,
    /**
     * It lost its lease state and must wait a lease time before it serves in full (dhcpd's recover
     * and recover-wait); no wait inside a rollout ends that.
     */
    LEASE_STATE_LOST,
    /** Up, but deliberately not serving (dhcpd's paused, shutdown). */
    NOT_SERVING,
    /** Not learnt yet, or a state the mapping does not know (also a newer agent's new value). */
    @JsonEnumDefaultValue
    UNKNOWN
}
