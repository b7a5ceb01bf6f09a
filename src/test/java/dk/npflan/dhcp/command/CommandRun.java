package dk.npflan.dhcp.command;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * One in-process run of {@code netbox-dhcpd <args>} through the real command line, with a
 * controlled environment (never this JVM's: a {@code NETBOX_URL} exported in the shell must not
 * change a test), and what it printed.
 */
public record CommandRun(int code, String out, String err) {

    /** Runs with an empty environment and no overrides. */
    public static CommandRun of(String... args) {
        return of(Map.of(), args);
    }

    /** Runs with {@code settings} as overrides and an empty environment. */
    public static CommandRun of(Map<String, String> settings, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code =
                NetboxDhcpdCommand.execute(
                        Map.of(), settings, new PrintWriter(out), new PrintWriter(err), args);
        return new CommandRun(code, out.toString(), err.toString());
    }

    /** {@code command} followed by {@code args}. */
    public static CommandRun command(String command, String... args) {
        List<String> all = new ArrayList<>(List.of(command));
        all.addAll(List.of(args));
        return of(all.toArray(String[]::new));
    }

    /** A context for calling a command's option resolution directly, printing nowhere. */
    public static CommandContext context(Map<String, String> environment) {
        return new CommandContext(
                environment,
                Map.of(),
                new PrintWriter(new StringWriter()),
                new PrintWriter(new StringWriter()));
    }
}
