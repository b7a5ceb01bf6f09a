package dk.npflan.dhcp.dhcpd;

import java.time.Duration;
import java.util.OptionalInt;
import java.util.OptionalLong;

/**
 * A snapshot of the supervised dhcpd for health output and metrics: whether it runs, its pid and
 * uptime, how the last run ended, and how often it was restarted.
 */
public record DhcpdStatus(
        Phase phase, OptionalLong pid, Duration uptime, OptionalInt lastExitCode, int restarts) {

    /** Whether the dhcpd process is alive. */
    public enum Phase {
        UP,
        DOWN
    }
}
