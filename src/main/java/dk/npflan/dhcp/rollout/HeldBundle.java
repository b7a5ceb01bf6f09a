package dk.npflan.dhcp.rollout;

import java.time.Instant;
import java.util.Locale;

/**
 * A bundle hash that rolled back or halted and is not rolled out again until NetBox renders a
 * different one, {@code retryAt} passes, or an operator forces it. {@code failures} counts the
 * failed attempts in a row; the back-off before the next one doubles with each.
 */
public record HeldBundle(
        String hash, Cause cause, String reason, Instant heldAt, int failures, Instant retryAt) {

    /** How the held bundle's last rollout ended. */
    public enum Cause {
        ROLLED_BACK,
        HALTED;

        public String label() {
            return name().toLowerCase(Locale.ROOT).replace('_', '-');
        }
    }
}
