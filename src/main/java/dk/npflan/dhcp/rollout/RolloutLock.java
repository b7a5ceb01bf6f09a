package dk.npflan.dhcp.rollout;

import java.time.Duration;
import java.util.Optional;

/**
 * One rollout at a time across processes: several listener replicas must never roll the pair at
 * once. On Kubernetes a coordination.k8s.io Lease implements it; {@link InProcessRolloutLock} does
 * within one JVM (the local pair, tests).
 */
public interface RolloutLock {

    /**
     * Tries to take the lock for {@code holder}, waiting up to {@code wait}; empty if someone else
     * still holds it then.
     */
    Optional<Held> acquire(String holder, Duration wait);

    /** Who holds the lock now, if known (for the refusal message). */
    Optional<String> holder();

    /** A taken lock. The roller {@link #confirm()}s it before every write. */
    interface Held extends AutoCloseable {

        /** False once the lock was lost (a Lease not renewed in time), as this process knows it. */
        boolean isHeld();

        /**
         * Fencing: asks the lock's own record, right before a write, whether it still names this
         * holder and has not expired; a GC pause or a partition can outlive a lease without this
         * process noticing. The roller calls it before every publish, restore, last-good record and
         * peer apply, and writes nothing when it is false.
         */
        default boolean confirm() {
            return isHeld();
        }

        /** Releases the lock; idempotent. */
        @Override
        void close();
    }
}
