package dk.npflan.dhcp.rollout;

import java.time.Duration;
import java.util.List;

/** The typed outcome of asking a peer's agent to restart dhcpd onto an expected hash. */
public sealed interface RestartResult {
    record Restarted(String runningHash, Duration took) implements RestartResult {}

    record AlreadyRunning(String runningHash) implements RestartResult {}

    record HashMismatch(String mountedHash) implements RestartResult {}

    record InProgress() implements RestartResult {}

    record ConfigInvalid(List<String> errors) implements RestartResult {}

    record StartFailed(String error) implements RestartResult {}

    record Unreachable(String error) implements RestartResult {}
}
