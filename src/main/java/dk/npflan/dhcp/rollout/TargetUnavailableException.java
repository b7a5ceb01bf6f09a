package dk.npflan.dhcp.rollout;

/**
 * The platform's API did not answer a {@link RolloutTarget} read or write (an API server restarting
 * during a control-plane upgrade, an etcd leader change): transient, so the roller retries the call
 * with back-off inside the step's deadline ({@link RetryingTarget}) instead of halting. Not a
 * conflict: those are {@link PublishConflictException}.
 */
public final class TargetUnavailableException extends RuntimeException {

    public TargetUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
