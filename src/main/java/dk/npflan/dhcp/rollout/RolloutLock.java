package dk.npflan.dhcp.rollout;

import java.time.Duration;

/**
 * One rollout at a time across every listener replica. Holders re-check {@link #held()} before each
 * destructive step: a lock can be lost while held (a missed renewal).
 */
public interface RolloutLock {
    /** Tries to become the holder, waiting at most {@code wait}; true when held on return. */
    boolean tryAcquire(Duration wait);

    /** Gives the lock up so another replica can take it at once; no-op when not held. */
    void release();

    /** Whether this instance holds the lock right now. */
    boolean held();
}
