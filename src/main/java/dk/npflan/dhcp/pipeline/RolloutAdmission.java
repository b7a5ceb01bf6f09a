package dk.npflan.dhcp.pipeline;

import dk.npflan.dhcp.rollout.HeldBundle;
import dk.npflan.dhcp.rollout.RolloutPause;

/** Whether a rendered, checked bundle may be rolled out now ({@link FailureMemory#admit}). */
sealed interface RolloutAdmission {

    /** Nothing speaks against it. */
    record Go() implements RolloutAdmission {}

    /** Its earlier failure's back-off has passed: one more attempt. */
    record Retry(HeldBundle held) implements RolloutAdmission {}

    /** Held, but {@code POST /reconcile?force=true} overrides the memory. */
    record Forced(HeldBundle held) implements RolloutAdmission {}

    /** Rollouts are paused: render and check only. */
    record Paused(RolloutPause pause) implements RolloutAdmission {}

    /** This hash rolled back or halted and its back-off has not passed. */
    record Held(HeldBundle held) implements RolloutAdmission {}

    /** Whether the rollout may go ahead. */
    default boolean admitted() {
        return !(this instanceof Paused || this instanceof Held);
    }
}
