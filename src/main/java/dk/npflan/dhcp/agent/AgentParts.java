package dk.npflan.dhcp.agent;

import dk.npflan.dhcp.config.PeerRole;

/**
 * The collaborators the agent's HTTP API answers from, wired once by {@link AgentLauncher}.
 *
 * @param role this pod's role in the pair
 * @param version the application version shown in {@code /state}
 * @param server the supervised server (dhcpd or Kea)
 */
public record AgentParts(
        PeerRole role,
        String version,
        PeerServer server,
        BearerToken token,
        SecretRedactor redactor) {}
