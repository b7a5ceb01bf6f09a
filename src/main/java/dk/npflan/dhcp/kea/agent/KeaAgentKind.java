package dk.npflan.dhcp.kea.agent;

import dk.npflan.dhcp.agent.AgentLauncher;
import dk.npflan.dhcp.agent.AgentSettings;
import dk.npflan.dhcp.agent.PeerServer;
import dk.npflan.dhcp.agent.PeerServerKind;
import dk.npflan.dhcp.agent.SecretRedactor;
import dk.npflan.dhcp.backend.BackendSettings;
import dk.npflan.dhcp.kea.KeaSettings;
import io.smallrye.config.SmallRyeConfig;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;

/**
 * ISC Kea as a kind of server the agent supervises ({@code netbox-dhcpd.backend=kea}), registered
 * in {@code META-INF/services/dk.npflan.dhcp.agent.PeerServerKind}. Reads {@code
 * netbox-dhcpd.kea.*} (docs/agent.md, "A Kea agent").
 */
public final class KeaAgentKind implements PeerServerKind {

    /** The kernel's {@code sun_path} holds 107 bytes and a NUL. */
    private static final int MAX_SOCKET_PATH = 107;

    @Override
    public BackendSettings.Kind backend() {
        return BackendSettings.Kind.KEA;
    }

    @Override
    public List<Class<?>> settings() {
        return List.of(KeaSettings.class);
    }

    @Override
    public List<String> problems(SmallRyeConfig settings, AgentSettings agent) {
        KeaSettings kea = settings.getConfigMapping(KeaSettings.class);
        List<String> problems = new ArrayList<>();
        if (kea.controlSocket().getBytes(StandardCharsets.UTF_8).length > MAX_SOCKET_PATH) {
            problems.add(
                    "netbox-dhcpd.kea.control-socket is longer than "
                            + MAX_SOCKET_PATH
                            + " bytes (a unix socket path): "
                            + kea.controlSocket());
        }
        if (kea.apply().pollInterval().isNegative() || kea.apply().pollInterval().isZero()) {
            problems.add("netbox-dhcpd.kea.apply.poll-interval must be positive");
        }
        if (kea.apply().gateTimeout().isNegative() || kea.apply().gateTimeout().isZero()) {
            problems.add("netbox-dhcpd.kea.apply.gate-timeout must be positive");
        }
        return problems;
    }

    @Override
    public PeerServer create(AgentLauncher.AgentConfig config, SecretRedactor redactor, Clock clock)
            throws IOException {
        return KeaPeerServer.create(
                config, config.settings().getConfigMapping(KeaSettings.class), clock);
    }
}
