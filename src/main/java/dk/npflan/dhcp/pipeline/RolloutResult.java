package dk.npflan.dhcp.pipeline;

import dk.npflan.dhcp.rollout.RolloutStop;
import java.util.List;
import java.util.Locale;

/**
 * How a rollout ended, typed so that audit, metrics and status follow from the kind and never from
 * flags or strings: each kind that did not complete carries the roller's typed {@link RolloutStop}.
 * Every kind carries the steps that ran, for the status page's timeline; {@link #label()} is the
 * one word for the kind wherever it is shown.
 */
public sealed interface RolloutResult {

    List<RolloutStepTiming> steps();

    /** {@code completed}, {@code already-current}, {@code rolled-back}, … (the record's name). */
    default String label() {
        return getClass()
                .getSimpleName()
                .replaceAll("([a-z])([A-Z])", "$1-$2")
                .toLowerCase(Locale.ROOT);
    }

    /** Both peers run the new hash. */
    record Completed(String hash, List<RolloutStepTiming> steps) implements RolloutResult {
        public Completed {
            steps = List.copyOf(steps);
        }
    }

    /** Both peers already ran the hash and it was published: nothing was touched. */
    record AlreadyCurrent(String hash, List<RolloutStepTiming> steps) implements RolloutResult {
        public AlreadyCurrent {
            steps = List.copyOf(steps);
        }
    }

    /** Stopped with the peers left as they are; an operator or a repair has to finish it. */
    record Halted(RolloutStop stop, List<RolloutStepTiming> steps) implements RolloutResult {
        public Halted {
            steps = List.copyOf(steps);
        }
    }

    /** The new bundle failed on a peer and the last good one was put back. */
    record RolledBack(RolloutStop stop, String restoredHash, List<RolloutStepTiming> steps)
            implements RolloutResult {
        public RolledBack {
            steps = List.copyOf(steps);
        }
    }

    /**
     * Refused before anything was restarted (lock held by another replica, a peer unreachable, a
     * publish conflict, rollouts paused): the pipeline tries again after its retry delay.
     */
    record RetryLater(RolloutStop stop, List<RolloutStepTiming> steps) implements RolloutResult {
        public RetryLater {
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
