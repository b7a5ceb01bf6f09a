package dk.npflan.dhcp.agent;

import dk.npflan.dhcp.peer.AgentApi;
import java.util.List;
import java.util.Optional;

/**
 * One reading of the supervised server for {@code GET /state}, taken together so the fields agree.
 *
 * @param runningConfigHash the bundle last started or applied
 * @param process the server process ({@code dhcpd} or {@code kea-dhcp4})
 * @param pair both peers' health in neutral words with the server's own state word; null when the
 *     server could not be asked
 * @param probe the last readiness probe of this run, {@link AgentApi.Probe#NONE} before one
 * @param failover dhcpd's failover states and codes; null for other servers
 * @param partnerAddress the partner's address as dhcpd holds it; null for other servers
 * @param daemons every process the agent runs for the server (Kea: kea-dhcp4, kea-ctrl-agent)
 */
public record ServerState(
        Optional<String> runningConfigHash,
        AgentApi.Dhcpd process,
        AgentApi.Pair pair,
        AgentApi.Probe probe,
        AgentApi.Failover failover,
        AgentApi.PartnerAddressView partnerAddress,
        List<AgentApi.Daemon> daemons) {}
