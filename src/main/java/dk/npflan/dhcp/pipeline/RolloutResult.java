package dk.npflan.dhcp.pipeline;

import java.util.List;

/**
 * How a rollout ended, typed so that audit, metrics and status follow from the kind and never from
 * flags. Every kind carries the steps that ran, for the status page's timeline.
 */
public sealed interface RolloutResult {

    List<RolloutStepTiming> steps();

    /** Both peers run the new hash. */
    record Completed(String hash, List<RolloutStepTiming> steps) implements RolloutResult {
        public Completed {
            steps = List.copyOf(steps);
        }
    }

    /** The rollout stopped; the last good bundle may or may not be in place (see reason). */
    record Failed(String reason, List<RolloutStepTiming> steps) implements RolloutResult {
        public Failed {
            steps = List.copyOf(steps);
        }
    }

    /** The new bundle failed on a peer and the last good one was put back. */
    record RolledBack(String reason, String restoredHash, List<RolloutStepTiming> steps)
            implements RolloutResult {
        public RolledBack {
            steps = List.copyOf(steps);
        }
    }

    /**
     * Refused before anything was restarted (lock held by another replica, a peer unreachable, a
     * publish conflict): the pipeline tries again after its retry delay.
     */
    record Deferred(String reason, List<RolloutStepTiming> steps) implements RolloutResult {
        public Deferred {
            steps = List.copyOf(steps);
        }
    }

    /** No rollout target is configured: the config was rendered and checked only. */
    record NoTarget(String reason) implements RolloutResult {
        @Override
        public List<RolloutStepTiming> steps() {
            return List.of();
        }
    }
}
