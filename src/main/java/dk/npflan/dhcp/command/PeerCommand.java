package dk.npflan.dhcp.command;

import dk.npflan.dhcp.SettingsException;
import dk.npflan.dhcp.config.PeerRole;
import dk.npflan.dhcp.rollout.PeerState;
import dk.npflan.dhcp.rollout.PeerUnreachableException;
import dk.npflan.dhcp.rollout.RestartResult;
import dk.npflan.dhcp.rollout.agent.AgentClient;
import dk.npflan.dhcp.rollout.kubernetes.RolloutKubernetesSettings;
import dk.npflan.dhcp.rollout.local.RolloutDirectorySettings;
import io.smallrye.config.SmallRyeConfig;
import java.io.PrintWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code netbox-dhcpd peer restart}: restarts one peer's dhcpd in place on the config it already
 * runs (so it resolves its partner's address again), through {@link AgentClient#restartInPlace}
 * exactly as the roller's re-pair does. Never while the other peer is not serving — that would
 * leave no server — unless {@code --force}. The agent token is read from the file the listener uses
 * ({@code netbox-dhcpd.rollout.kubernetes.agent.token-file}, else {@code
 * netbox-dhcpd.rollout.directory.agent-token-file}). Exit codes follow {@link PeerRestartOutcome}.
 */
@Command(
        name = "peer",
        description = {
            "peer restart: restart one peer's dhcpd in place on the config it runs (POST /restart"
                    + " inPlace), refused while the other peer is not serving unless --force.",
            "Exit 0 when it restarted and came back, 1 refused or failed, 2 agent unreachable or"
                    + " usage/settings error."
        })
public final class PeerCommand extends Subcommand {

    @Parameters(index = "0", paramLabel = "restart", description = "the action: restart")
    String action;

    @Option(
            names = "--role",
            required = true,
            paramLabel = "primary|secondary",
            description = "the peer to restart")
    String role;

    @Option(
            names = "--agent",
            required = true,
            paramLabel = "URL",
            description = "its agent, e.g. http://10.0.3.17:8067")
    URI agent;

    @Option(
            names = "--other",
            paramLabel = "URL",
            description = "the other peer's agent (required unless --force)")
    URI other;

    @Option(names = "--force", description = "restart even when the other peer is not serving")
    boolean force;

    private static final AgentClient.Timeouts TIMEOUTS =
            new AgentClient.Timeouts(Duration.ofSeconds(5), Duration.ofMinutes(3));

    @Override
    protected PeerRestartOutcome run(CommandContext context) {
        PrintWriter out = context.out();
        PrintWriter err = context.err();
        PeerRole target;
        Optional<Path> tokenFile;
        try {
            if (!"restart".equals(action)) {
                throw new IllegalArgumentException("unknown action '" + action + "': only restart");
            }
            target = PeerRole.valueOf(role.toUpperCase(Locale.ROOT));
            if (other == null && !force) {
                throw new IllegalArgumentException(
                        "--other URL (the other peer's agent) is required unless --force");
            }
            tokenFile = tokenFile(context);
        } catch (IllegalArgumentException | SettingsException e) {
            err.println("peer restart: " + e.getMessage());
            return PeerRestartOutcome.UNREACHABLE;
        }
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(3)).build();
        PeerRole otherRole = target == PeerRole.PRIMARY ? PeerRole.SECONDARY : PeerRole.PRIMARY;
        if (other != null) {
            Optional<String> notServing = notServing(client(otherRole, other, tokenFile, http));
            if (notServing.isPresent() && !force) {
                err.println(
                        "peer restart: refused: the "
                                + otherRole.keyword()
                                + " is not serving ("
                                + notServing.get()
                                + "); restarting the "
                                + target.keyword()
                                + " would leave no server (--force to do it anyway)");
                return PeerRestartOutcome.REFUSED;
            }
        }
        AgentClient peer = client(target, agent, tokenFile, http);
        PeerState state;
        try {
            state = peer.state();
        } catch (PeerUnreachableException e) {
            err.println("peer restart: " + e.getMessage());
            return PeerRestartOutcome.UNREACHABLE;
        }
        if (state.runningHash().isEmpty() || !state.serverRunning()) {
            err.println(
                    "peer restart: the "
                            + target.keyword()
                            + "'s dhcpd is not running: nothing to restart in place");
            return PeerRestartOutcome.REFUSED;
        }
        RestartResult result = peer.restartInPlace(state.runningHash().get());
        if (result instanceof RestartResult.Restarted r) {
            out.println(
                    target.keyword()
                            + " restarted in place on "
                            + StatusCommand.shortHash(r.runningHash())
                            + " in "
                            + StatusCommand.took(r.took().toMillis()));
            return PeerRestartOutcome.RESTARTED;
        }
        if (result instanceof RestartResult.AlreadyRunning r) {
            out.println(target.keyword() + " runs " + StatusCommand.shortHash(r.runningHash()));
            return PeerRestartOutcome.RESTARTED;
        }
        if (result instanceof RestartResult.Unreachable u) {
            err.println("peer restart: " + u.error());
            return PeerRestartOutcome.UNREACHABLE;
        }
        err.println("peer restart: failed: " + result);
        return PeerRestartOutcome.REFUSED;
    }

    /** Why the peer behind {@code client} does not serve; empty when it does. */
    private static Optional<String> notServing(AgentClient client) {
        try {
            PeerState s = client.state();
            if (!s.serverRunning()) {
                return Optional.of("its dhcpd is not running");
            }
            if (!s.probeReady()) {
                return Optional.of("not ready: " + s.probeDetail().orElse("no probe reading"));
            }
            return Optional.empty();
        } catch (PeerUnreachableException e) {
            return Optional.of(e.getMessage());
        }
    }

    private static AgentClient client(
            PeerRole role, URI uri, Optional<Path> tokenFile, HttpClient http) {
        return new AgentClient(
                role, () -> uri, tokenFile, TIMEOUTS, http, AgentClient.Nudge.none());
    }

    private static Optional<Path> tokenFile(CommandContext context) {
        SmallRyeConfig config =
                context.settings(RolloutKubernetesSettings.class, RolloutDirectorySettings.class);
        return config.getConfigMapping(RolloutKubernetesSettings.class)
                .agent()
                .tokenFile()
                .or(() -> config.getConfigMapping(RolloutDirectorySettings.class).agentTokenFile());
    }
}
