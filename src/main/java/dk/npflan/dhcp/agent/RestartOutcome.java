package dk.npflan.dhcp.agent;

import java.time.Duration;

/** What an in-place restart with a new bundle did, as {@code POST /restart} reports it. */
public sealed interface RestartOutcome {

    /** dhcpd runs the new bundle and logged that it serves. */
    record Restarted(String runningHash, long pid, Duration took) implements RestartOutcome {}

    /** dhcpd did not come up with the new bundle; the agent keeps retrying it with backoff. */
    record StartFailed(String error) implements RestartOutcome {}
}
