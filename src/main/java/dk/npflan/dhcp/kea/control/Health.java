package dk.npflan.dhcp.kea.control;

/**
 * What a peer's redundancy state means for the service, in words that fit any DHCP backend (dhcpd
 * failover or Kea HA), so gates, status and metrics need not know a backend's own state names.
 */
public enum Health {
    /** Serving as one of a pair (or in its role's designed steady state): nothing to do. */
    NORMAL,
    /** Catching up with the partner; not answering clients yet, will on its own. */
    SYNCING,
    /** Answers clients, but nothing backs it up right now: a partner outage would be an outage. */
    SERVING_ALONE,
    /** Answers no clients in this state. */
    NOT_SERVING,
    /** The state is not known (unreachable partner, a state name this build does not know). */
    UNKNOWN
}
