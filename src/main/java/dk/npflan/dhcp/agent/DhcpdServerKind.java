package dk.npflan.dhcp.agent;

import dk.npflan.dhcp.backend.BackendSettings;
import io.smallrye.config.SmallRyeConfig;
import java.time.Clock;
import java.util.List;

/**
 * ISC dhcpd as the agent's server. Its settings are the agent's base settings, checked by {@link
 * AgentLauncher.AgentConfig#from} (run directory, OMAPI key, namespace).
 */
final class DhcpdServerKind implements PeerServerKind {

    @Override
    public BackendSettings.Kind backend() {
        return BackendSettings.Kind.DHCPD;
    }

    @Override
    public List<Class<?>> settings() {
        return List.of();
    }

    @Override
    public List<String> problems(SmallRyeConfig settings, AgentSettings agent) {
        return List.of();
    }

    @Override
    public PeerServer create(
            AgentLauncher.AgentConfig config, SecretRedactor redactor, Clock clock) {
        return DhcpdPeerServer.create(config, redactor, clock);
    }
}
