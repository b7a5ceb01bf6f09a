package dk.npflan.dhcp.dhcpd;

import java.util.List;

/**
 * Runs a short host command (ip, java) with a time bound and returns exit code and output; the
 * labs' name for {@link dk.npflan.dhcp.rollout.local.HostCommand}.
 */
public record HostCommand(int exitCode, String output) {

    public static HostCommand run(List<String> command, long timeoutSeconds) {
        dk.npflan.dhcp.rollout.local.HostCommand result =
                dk.npflan.dhcp.rollout.local.HostCommand.run(command, timeoutSeconds);
        return new HostCommand(result.exitCode(), result.output());
    }

    public static HostCommand run(String... command) {
        return run(List.of(command), 20);
    }

    /** Runs and fails loudly: for lab set-up steps that must work. */
    public static String require(String... command) {
        return dk.npflan.dhcp.rollout.local.HostCommand.require(command);
    }
}
