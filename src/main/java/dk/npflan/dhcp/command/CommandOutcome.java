package dk.npflan.dhcp.command;

/**
 * What a command's {@code run} returns: a typed verdict that knows its process exit code, so each
 * command states its exit codes once, as an enum, and scripts can rely on them.
 */
public interface CommandOutcome {

    int exitCode();
}
