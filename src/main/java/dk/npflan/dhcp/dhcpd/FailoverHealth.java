package dk.npflan.dhcp.dhcpd;

import dk.npflan.dhcp.omapi.FailoverCode;
import dk.npflan.dhcp.omapi.FailoverState;
import dk.npflan.dhcp.peer.HealthReading;
import dk.npflan.dhcp.peer.PeerHealth;

/**
 * dhcpd's failover states in the neutral words of {@link PeerHealth}: the one place that knows what
 * each of them means for a rollout. The switch has no default, so a state added to {@link
 * FailoverState} does not compile until it is mapped here.
 */
public final class FailoverHealth {

    private FailoverHealth() {}

    public static PeerHealth of(FailoverState state) {
        return switch (state) {
            case NORMAL -> PeerHealth.NORMAL;
            // startup, and the conflict and recovery hand-shakes between the two servers
            case STARTUP, POTENTIAL_CONFLICT, RESOLUTION_INTERRUPTED, CONFLICT_DONE, RECOVER_DONE ->
                    PeerHealth.SYNCING;
            case COMMUNICATIONS_INTERRUPTED -> PeerHealth.PARTNER_UNREACHABLE;
            case PARTNER_DOWN -> PeerHealth.SERVING_ALONE;
            case RECOVER, RECOVER_WAIT -> PeerHealth.LEASE_STATE_LOST;
            case PAUSED, SHUTDOWN -> PeerHealth.NOT_SERVING;
            case UNKNOWN_STATE, UNKNOWN -> PeerHealth.UNKNOWN;
        };
    }

    /** One side as OMAPI reported it; the raw text is dhcpd's name, {@code unknown(n)} if none. */
    public static HealthReading reading(FailoverCode side) {
        return new HealthReading(of(side.state()), side.label());
    }
}
