package dk.npflan.dhcp.kea.agent;

import dk.npflan.dhcp.agent.AgentViews;
import dk.npflan.dhcp.agent.CachedReadiness;
import dk.npflan.dhcp.agent.ProbeReading;
import dk.npflan.dhcp.kea.control.KeaControlClient;
import dk.npflan.dhcp.kea.control.KeaControlException;
import dk.npflan.dhcp.kea.control.KeaStatus;
import dk.npflan.dhcp.peer.AgentApi;
import dk.npflan.dhcp.peer.PeerHealth;
import dk.npflan.dhcp.probe.ProbeOutcome;
import java.util.List;
import java.util.Optional;

/**
 * {@code GET /ready} for a Kea peer. In hot-standby the standby answers no DHCP by design, so a
 * probe DORA cannot be what makes every peer ready. Ready is:
 *
 * <ol>
 *   <li>kea-dhcp4 answers {@code status-get} on its control socket;
 *   <li>its HA state is one that serves its role: normal (hot-standby, load-balancing, …, also when
 *       out of touch with the partner) or serving alone (partner-down); not waiting, syncing, ready
 *       or in maintenance;
 *   <li>if it answers a scope now ({@code status-get}'s local scopes), the probe DORA through the
 *       probe interface got a DHCPACK, as for dhcpd; a peer that answers no scope (the standby in
 *       hot-standby) is ready without one: it follows its partner's lease updates.
 * </ol>
 *
 * Without the HA hook, steps 1 and 3 apply (a lone server answers everything).
 */
final class KeaReadiness {

    private final KeaControlClient local;
    private final CachedReadiness probe;

    KeaReadiness(KeaControlClient local, CachedReadiness probe) {
        this.local = local;
        this.probe = probe;
    }

    AgentApi.Ready read() {
        KeaStatus status;
        try {
            status = local.statusGet();
        } catch (KeaControlException e) {
            return new AgentApi.Ready(
                    false, "kea-dhcp4 does not answer: " + e.getMessage(), lastProbe());
        }
        Optional<AgentApi.Pair> pair = KeaPairHealth.of(status);
        List<String> scopes = List.of();
        if (pair.isPresent()) {
            String raw = pair.get().local().raw();
            if (!servesItsRole(pair.get())) {
                return new AgentApi.Ready(
                        false, "HA state " + raw + ": answers no clients", lastProbe());
            }
            scopes = localScopes(status);
            if (scopes.isEmpty()) {
                return new AgentApi.Ready(
                        true,
                        "HA state " + raw + ": answers no scope, follows its partner",
                        lastProbe());
            }
        }
        ProbeReading reading = probe.read();
        String scopeText = pair.isPresent() ? "; HA scopes " + scopes : "";
        if (reading.outcome() instanceof ProbeOutcome.Ready ready) {
            return new AgentApi.Ready(
                    true,
                    "DHCPACK "
                            + ready.lease().address()
                            + " from "
                            + ready.lease().serverId()
                            + scopeText,
                    AgentViews.probe(reading));
        }
        ProbeOutcome.NotReady notReady = (ProbeOutcome.NotReady) reading.outcome();
        return new AgentApi.Ready(
                false,
                notReady.failure() + ": " + notReady.detail() + scopeText,
                AgentViews.probe(reading));
    }

    /**
     * What {@code /state} shows as the probe, without waiting for a DORA (the roller polls it): a
     * peer that answers no scope is ready by the rules of {@link #read}, one that does not serve is
     * not, and one that serves a scope shows its last probe of this run, a stale one being
     * refreshed in the background as for dhcpd.
     */
    AgentApi.Probe stateProbe() {
        KeaStatus status;
        try {
            status = local.statusGet();
        } catch (KeaControlException e) {
            return AgentApi.Probe.NONE;
        }
        Optional<AgentApi.Pair> pair = KeaPairHealth.of(status);
        if (pair.isPresent()) {
            String raw = pair.get().local().raw();
            if (!servesItsRole(pair.get())) {
                return new AgentApi.Probe(
                        false, null, null, null, null, "HA state " + raw + ": answers no clients");
            }
            if (localScopes(status).isEmpty()) {
                return new AgentApi.Probe(
                        true,
                        "no scope",
                        null,
                        null,
                        null,
                        "HA state " + raw + ": answers no scope, follows its partner");
            }
        }
        return probe.peek().map(AgentViews::probe).orElse(AgentApi.Probe.NONE);
    }

    AgentApi.Probe lastProbe() {
        return probe.last().map(AgentViews::probe).orElse(AgentApi.Probe.NONE);
    }

    void invalidate() {
        probe.invalidate();
    }

    /** An HA state in which this server answers the clients of its role. */
    private static boolean servesItsRole(AgentApi.Pair pair) {
        PeerHealth health = pair.local().health();
        return health == PeerHealth.NORMAL
                || health == PeerHealth.PARTNER_UNREACHABLE
                || health == PeerHealth.SERVING_ALONE;
    }

    private static List<String> localScopes(KeaStatus status) {
        return status.highAvailability().stream()
                .map(KeaStatus.HaRelationship::servers)
                .filter(s -> s != null && s.local() != null && s.local().scopes() != null)
                .map(s -> s.local().scopes())
                .findFirst()
                .orElse(List.of());
    }
}
