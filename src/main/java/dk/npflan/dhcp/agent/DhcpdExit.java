package dk.npflan.dhcp.agent;

import java.time.Duration;
import java.time.Instant;
import java.util.OptionalInt;

/**
 * How the last run of dhcpd ended, or why the last start did not get one going: shown in {@code
 * /state} so a crash loop carries its cause.
 *
 * @param kind what happened
 * @param exitCode dhcpd's exit code when it ran and exited
 * @param at when the agent saw it
 * @param ranFor how long that run lasted (zero when it never started)
 * @param detail dhcpd's last log line or the check error, secrets redacted
 */
public record DhcpdExit(
        Kind kind, OptionalInt exitCode, Instant at, Duration ranFor, String detail) {

    /** Ways a run ends or fails to begin. */
    public enum Kind {
        /** dhcpd ran and exited (or was killed) without the agent asking. */
        EXITED,
        /** {@code dhcpd -t} rejected the files in the run directory. */
        CONFIG_REJECTED,
        /** The process could not be launched, or the run directory not written. */
        LAUNCH_FAILED,
        /** No complete bundle is mounted yet. */
        NO_BUNDLE
    }
}
