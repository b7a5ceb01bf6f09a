package dk.npflan.dhcp.agent;

import dk.npflan.dhcp.backend.BackendSettings;
import io.smallrye.config.SmallRyeConfig;
import java.io.IOException;
import java.time.Clock;
import java.util.List;

/**
 * One kind of server the agent can supervise, picked by {@code netbox-dhcpd.backend}. ISC dhcpd's
 * is built in ({@link DhcpdServerKind}); others register through {@link java.util.ServiceLoader}
 * ({@code META-INF/services}), so the agent core never names their packages (Kea's lives in {@code
 * kea.agent}, which depends on this package, not the other way round).
 */
public interface PeerServerKind {

    /** The backend this kind serves. */
    BackendSettings.Kind backend();

    /** The settings mappings it reads beyond the agent's own ({@link AgentLauncher#SETTINGS}). */
    List<Class<?>> settings();

    /**
     * What is wrong with the settings for this kind, one line per problem (empty when fine):
     * checked when the agent's settings load, so a bad setting is exit 2, not a failed start.
     */
    List<String> problems(SmallRyeConfig settings, AgentSettings agent);

    /** Builds the server, not yet started ({@link PeerServer#begin()} starts it). */
    PeerServer create(AgentLauncher.AgentConfig config, SecretRedactor redactor, Clock clock)
            throws IOException;
}
