package dk.npflan.dhcp.command;

import java.io.PrintWriter;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code netbox-dhcpd <command>}: the one command line of the app. Every command is a picocli class
 * in this package whose options define its usage and {@code --help}, so the help cannot drift from
 * what is parsed. Adding a command = one class here + one entry in {@code subcommands} below.
 *
 * <p>Bare {@code netbox-dhcpd} prints the help on stderr and exits 2; {@code help} prints it on
 * stdout and exits 0; an unknown command or option prints the problem and the help on stderr and
 * exits 2. The environment and setting overrides every command loads its settings from are held
 * here, so tests can run any command with a controlled environment.
 */
@Command(
        name = "netbox-dhcpd",
        description = "Keeps an ISC dhcpd failover pair in step with NetBox.",
        synopsisSubcommandLabel = "<command>",
        commandListHeading = "%nCommands:%n",
        footer = {
            "",
            "Run 'netbox-dhcpd <command> --help' for a command's options.",
            "Settings: docs/configuration.md (options override settings)."
        },
        subcommands = {
            ServeCommand.class,
            RenderCommand.class,
            FailoverStateCommand.class,
            ProbeCommand.class,
            AgentCommand.class,
            AuditCommand.class,
            StatusCommand.class,
            ConfirmCommand.class,
            PeerCommand.class,
            LeaseCommand.class,
            PartnerDownCommand.class,
            CommandLine.HelpCommand.class
        })
public final class NetboxDhcpdCommand implements Callable<Integer> {

    /** Exit code of a usage error (also picocli's for invalid input). */
    public static final int USAGE = 2;

    @Spec CommandSpec spec;

    @Option(
            names = {"-h", "--help"},
            usageHelp = true,
            description = "Show this help message and exit.")
    boolean help;

    private final Map<String, String> environment;
    private final Map<String, String> overrides;

    /**
     * @param environment stands in for the process environment when settings are loaded
     * @param overrides settings that win over every other source
     */
    public NetboxDhcpdCommand(Map<String, String> environment, Map<String, String> overrides) {
        this.environment = Map.copyOf(environment);
        this.overrides = Map.copyOf(overrides);
    }

    /** Bare invocation: help on stderr, exit 2. */
    @Override
    public Integer call() {
        spec.commandLine().usage(spec.commandLine().getErr());
        return USAGE;
    }

    Map<String, String> environment() {
        return environment;
    }

    Map<String, String> overrides() {
        return overrides;
    }

    /** A bad command line: what is wrong, suggestions, then the failing command's help. */
    private static int usageError(CommandLine.ParameterException e, String[] args) {
        CommandLine failing = e.getCommandLine();
        PrintWriter err = failing.getErr();
        err.println(e.getMessage());
        CommandLine.UnmatchedArgumentException.printSuggestions(e, err);
        failing.usage(err);
        return USAGE;
    }

    /** Runs {@code args} with the process environment; returns the exit code. */
    public static int execute(String... args) {
        return execute(
                System.getenv(),
                Map.of(),
                new PrintWriter(System.out, true),
                new PrintWriter(System.err, true),
                args);
    }

    /** Runs {@code args} with the given environment, overrides and streams. */
    public static int execute(
            Map<String, String> environment,
            Map<String, String> overrides,
            PrintWriter out,
            PrintWriter err,
            String... args) {
        CommandLine commandLine = new CommandLine(new NetboxDhcpdCommand(environment, overrides));
        commandLine.setOut(out);
        commandLine.setErr(err);
        commandLine.setParameterExceptionHandler(NetboxDhcpdCommand::usageError);
        int code = commandLine.execute(args);
        out.flush();
        err.flush();
        return code;
    }
}
