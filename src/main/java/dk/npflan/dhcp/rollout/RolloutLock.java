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

    /** A taken lock. The roller checks {@link #isHeld()} before every restart. */
    interface Held extends AutoCloseable {

        /** False once the lock was lost (a Lease not renewed in time). */
        boolean isHeld();

        /** Releases the lock; idempotent. */
        @Override
        void close();
    }
}
