package dk.npflan.dhcp.agent;

import dk.npflan.dhcp.config.PeerRole;
import java.nio.file.Path;

/**
 * The collaborators the agent's HTTP API answers from, wired once by {@link AgentLauncher}.
 *
 * @param role this pod's failover role
 * @param version the application version shown in {@code /state}
 * @param configDir the mounted bundle
 */
public record AgentParts(
        PeerRole role,
        String version,
        Path configDir,
        DhcpdWatchdog watchdog,
        CachedReadiness readiness,
        FailoverReader failover,
        RestartRequestHandler restarts,
        PartnerAddressCache partnerAddress,
        BearerToken token,
        AgentMetrics metrics,
        SecretRedactor redactor) {}
