package dk.npflan.dhcp.rollout;

import java.time.Duration;
import java.util.List;

/**
 * The outcome of asking a peer's agent to restart dhcpd onto an expected hash ({@code POST
 * /restart}). Every HTTP answer maps to one case, so the roller decides on types, not status codes.
 */
public sealed interface RestartResult {

    /** dhcpd was stopped and started and is up on {@code runningHash}. */
    record Restarted(String runningHash, Duration took) implements RestartResult {}

    /** dhcpd already ran the expected hash; nothing was done. */
    record AlreadyRunning(String runningHash) implements RestartResult {}

    /** The peer does not mount the expected hash (yet); dhcpd untouched. */
    record HashMismatch(String mountedHash) implements RestartResult {}

    /** Another restart is running on that agent; dhcpd untouched by this call. */
    record InProgress() implements RestartResult {}

    /**
     * The agent would not apply now and left its server untouched, for a reason that may pass (a
     * Kea peer whose partner did not take over its clients: 409 {@code takeover-refused}).
     */
    record Refused(String reason) implements RestartResult {}

    /** {@code dhcpd -t} rejected the mounted files; dhcpd untouched. */
    record ConfigInvalid(List<String> errors) implements RestartResult {
        public ConfigInvalid {
            errors = List.copyOf(errors);
        }
    }

    /**
     * dhcpd did not come up on the new files; for Kea also: the pair did not get back to its normal
     * state after {@code config-set}, or {@code config-set} got no answer.
     */
    record StartFailed(String error) implements RestartResult {}

    /** The agent could not be reached; whether anything happened is unknown. */
    record Unreachable(String error) implements RestartResult {}
}
