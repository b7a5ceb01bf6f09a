package dk.npflan.dhcp.command;

import dk.npflan.dhcp.SettingsException;
import dk.npflan.dhcp.agent.AgentLauncher;
import java.util.Optional;
import picocli.CommandLine.Command;

/**
 * {@code netbox-dhcpd agent}: the main process of a dhcpd pod ({@link AgentLauncher}). Everything
 * it needs comes from settings ({@code netbox-dhcpd.agent.*}, {@code netbox-dhcpd.dhcpd.*}, {@code
 * netbox-dhcpd.omapi.*}, docs/agent.md), because in a pod they are environment variables; it runs
 * until SIGTERM. It refuses to start on a guessable restart token or OMAPI key ({@link
 * StartupSecrets}).
 */
@Command(
        name = "agent",
        description = {
            "Run beside dhcpd in its pod: supervise it, prove readiness with a real lease, serve"
                    + " /live /ready /state /metrics and POST /restart (docs/agent.md).",
            "Runs until SIGTERM; exit 2 on invalid settings, 1 when it cannot start (also on a"
                    + " placeholder or short token or OMAPI key)."
        })
public final class AgentCommand extends Subcommand {

    /** How the agent ended. */
    enum AgentOutcome implements CommandOutcome {
        STOPPED(0),
        FAILED(1),
        SETTINGS_INVALID(2);

        private final int exitCode;

        AgentOutcome(int exitCode) {
            this.exitCode = exitCode;
        }

        @Override
        public int exitCode() {
            return exitCode;
        }

        static AgentOutcome of(int exitCode) {
            for (AgentOutcome outcome : values()) {
                if (outcome.exitCode == exitCode) {
                    return outcome;
                }
            }
            return FAILED;
        }
    }

    @Override
    protected CommandOutcome run(CommandContext context) {
        AgentLauncher.AgentConfig config;
        try {
            config =
                    AgentLauncher.AgentConfig.from(
                            context.settings(AgentLauncher.SETTINGS.toArray(Class<?>[]::new)));
        } catch (SettingsException | IllegalArgumentException e) {
            context.err().println("netbox-dhcpd agent: invalid settings:\n" + e.getMessage());
            return AgentOutcome.SETTINGS_INVALID;
        }
        Optional<String> weak = StartupSecrets.agent(config);
        if (weak.isPresent()) {
            context.err().println("netbox-dhcpd agent: cannot start: " + weak.get());
            return AgentOutcome.FAILED;
        }
        return AgentOutcome.of(AgentLauncher.run(config, context.err()));
    }
}
