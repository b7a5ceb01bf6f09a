package dk.npflan.dhcp.kea.agent;

import dk.npflan.dhcp.kea.control.Health;
import dk.npflan.dhcp.kea.control.KeaHaState;
import dk.npflan.dhcp.kea.control.KeaStatus;
import dk.npflan.dhcp.peer.AgentApi;
import dk.npflan.dhcp.peer.HealthReading;
import dk.npflan.dhcp.peer.PeerHealth;
import java.util.Optional;

/**
 * The pair as this kea-dhcp4 sees it ({@code status-get}'s {@code high-availability}) in the
 * neutral words the roller decides on, with Kea's state names kept as {@code raw}: this server's
 * state, and the partner's last state from its last heartbeat. A server in its normal state that
 * has lost touch with its partner is {@link PeerHealth#PARTNER_UNREACHABLE}, as dhcpd's
 * communications-interrupted is.
 */
final class KeaPairHealth {

    private KeaPairHealth() {}

    /** The pair, or empty without the HA hook. */
    static Optional<AgentApi.Pair> of(KeaStatus status) {
        return status.highAvailability().stream()
                .map(KeaStatus.HaRelationship::servers)
                .filter(s -> s != null && s.local() != null)
                .findFirst()
                .map(
                        servers -> {
                            KeaHaState local = servers.local().state();
                            KeaStatus.RemoteServer remote = servers.remote();
                            PeerHealth localHealth = health(local);
                            if (localHealth == PeerHealth.NORMAL
                                    && remote != null
                                    && remote.communicationInterrupted()) {
                                localHealth = PeerHealth.PARTNER_UNREACHABLE;
                            }
                            KeaHaState partner =
                                    remote == null || remote.lastState() == null
                                            ? KeaHaState.UNAVAILABLE
                                            : remote.lastState();
                            return new AgentApi.Pair(
                                    new HealthReading(localHealth, raw(local)),
                                    new HealthReading(health(partner), raw(partner)));
                        });
    }

    static PeerHealth health(KeaHaState state) {
        if (state == null) {
            return PeerHealth.UNKNOWN;
        }
        Health health = state.health();
        return switch (health) {
            case NORMAL -> PeerHealth.NORMAL;
            case SYNCING -> PeerHealth.SYNCING;
            case SERVING_ALONE -> PeerHealth.SERVING_ALONE;
            case NOT_SERVING -> PeerHealth.NOT_SERVING;
            case UNKNOWN -> PeerHealth.UNKNOWN;
        };
    }

    private static String raw(KeaHaState state) {
        return state == null || state.raw().isEmpty() ? "unrecognised" : state.raw();
    }
}
