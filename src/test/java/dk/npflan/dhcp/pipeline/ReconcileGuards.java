package dk.npflan.dhcp.pipeline;

import dk.npflan.dhcp.rollout.RolloutControlStore;
import dk.npflan.dhcp.rollout.RolloutGuard;
import java.time.Clock;
import java.time.Duration;

/**
 * The guard one reconcile hands the roller ({@link ReconcileGuard}: the {@link FailureMemory} over
 * the shared store), for tests outside this package that drive {@link RollerRollout} as the
 * reconciler does, e.g. on the real local pair.
 */
public final class ReconcileGuards {

    /**
     * The documented defaults of {@code held-bundle-backoff} and {@code held-bundle-max-backoff}.
     */
    public static final Duration BACKOFF = Duration.ofMinutes(30);

    public static final Duration MAX_BACKOFF = Duration.ofHours(6);

    private ReconcileGuards() {}

    /** A new reconcile's guard, not forced, over {@code store}. */
    public static RolloutGuard of(RolloutControlStore store) {
        return new ReconcileGuard(
                store, new FailureMemory(BACKOFF, MAX_BACKOFF), false, Clock.systemUTC());
    }
}
