package dk.npflan.dhcp.command;

import java.util.concurrent.Callable;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * The shape of every {@code netbox-dhcpd <command>}: picocli fills the annotated options of the
 * subclass, {@link #call()} hands {@link #run} the context, and the typed outcome becomes the exit
 * code. A new command extends this, annotates its options with {@code @Command}/{@code @Option},
 * and is listed once in {@link NetboxDhcpdCommand}.
 */
public abstract class Subcommand implements Callable<Integer> {

    @ParentCommand NetboxDhcpdCommand root;

    @Spec CommandSpec spec;

    @Option(
            names = {"-h", "--help"},
            usageHelp = true,
            description = "Show this help message and exit.")
    boolean help;

    @Override
    public final Integer call() {
        return run(new CommandContext(
                        root.environment(),
                        root.overrides(),
                        spec.commandLine().getOut(),
                        spec.commandLine().getErr()))
                .exitCode();
    }

    /** Runs the command with its parsed options. */
    protected abstract CommandOutcome run(CommandContext context);

    /** Prints this command's help (after a usage error found past parsing). */
    protected void usage(CommandContext context) {
        spec.commandLine().usage(context.err());
    }
}
