package dk.npflan.dhcp.agent;

import dk.npflan.dhcp.dhcpd.ConfigCheck;
import java.time.Duration;

/** What a restart with a bundle did, as {@code POST /restart} reports it. */
public sealed interface RestartOutcome {

    /** dhcpd runs the new bundle and logged that it serves. */
    record Restarted(String runningHash, long pid, Duration took) implements RestartOutcome {}

    /**
     * {@code dhcpd -t} with the real key refused the run directory built from the bundle (or it
     * could not be built): the working dhcpd was not touched.
     */
    record Rejected(ConfigCheck check) implements RestartOutcome {}

    /**
     * dhcpd did not come up with the new bundle; the agent started the bundle that last served
     * again, or, when none did, keeps retrying the new one with backoff.
     */
    record StartFailed(String error) implements RestartOutcome {}
}
