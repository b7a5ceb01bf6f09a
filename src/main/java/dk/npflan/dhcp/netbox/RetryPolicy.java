package dk.npflan.dhcp.netbox;

import java.time.Duration;

/**
 * How often and how patiently a NetBox request is repeated after a transient failure. Exponential
 * backoff spares a NetBox that is already struggling; the {@code Retry-After} cap keeps one hint
 * from stalling a reconcile for hours.
 */
public record RetryPolicy(
        int maxAttempts, Duration initialBackoff, Duration maxBackoff, Duration maxRetryAfter) {

    public RetryPolicy {
        if (maxAttempts < 1) {
            throw new IllegalArgumentException("maxAttempts must be at least 1");
        }
    }

    public static RetryPolicy from(NetBoxSettings.Retry r) {
        return new RetryPolicy(
                r.maxAttempts(), r.initialBackoff(), r.maxBackoff(), r.maxRetryAfter());
    }

    /** Wait after failed attempt number {@code attempt} (1-based). */
    public Duration backoff(int attempt) {
        Duration wait = initialBackoff.multipliedBy(1L << Math.min(attempt - 1, 20));
        return wait.compareTo(maxBackoff) > 0 ? maxBackoff : wait;
    }

    /** The server's hint, bounded by {@link #maxRetryAfter()}. */
    public Duration retryAfter(Duration hint) {
        return hint.compareTo(maxRetryAfter) > 0 ? maxRetryAfter : hint;
    }
}
