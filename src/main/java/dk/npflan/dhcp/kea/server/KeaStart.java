package dk.npflan.dhcp.kea.server;

import java.time.Duration;
import java.util.List;

/**
 * What starting a Kea daemon came to. A daemon that exits at once (bad config, another instance
 * holding the pid file) or never answers is an expected outcome with the daemon's last log lines,
 * not an exception, because the caller must report the reason and keep whatever else serves.
 */
public sealed interface KeaStart {

    /** Launched and answering {@code status-get} on its control channel. */
    record Serving(long pid, Duration took) implements KeaStart {}

    /** Exited before it answered; Kea's last log lines say why (e.g. DHCP4_CONFIG_LOAD_FAIL). */
    record Exited(int exitCode, List<String> lastLogLines) implements KeaStart {}

    /** Still running but not answering when the start timeout passed (the process is stopped). */
    record TimedOut(String lastError, List<String> lastLogLines) implements KeaStart {}

    /** The process could not be launched (binary missing, run directory not creatable). */
    record LaunchFailed(String reason) implements KeaStart {}

    /** This object already runs the daemon. */
    record AlreadyRunning(long pid) implements KeaStart {}
}
