package dk.npflan.dhcp.rollout;

import java.util.Optional;

/**
 * What a repair does, decided from what is observable after a roller died at an unknown step: the
 * published hash, the last good hash and the hash each peer runs. Pure, so every case is a table
 * row in a test.
 */
public enum RepairDecision {
    /** Nothing published yet: nothing to drive toward. */
    NOTHING_PUBLISHED,
    /** Both peers run the published hash, which is the last good: nothing to do. */
    IN_SYNC,
    /**
     * Both peers run the published hash, but it was never recorded as last good (died in step 5's
     * wait or before step 6): verify the pair is normal and serving, then record it.
     */
    VERIFY_AND_RECORD,
    /**
     * The published hash is the last good one but a peer runs another (died while rolling back):
     * bring the primary, then the secondary, back to it.
     */
    RESTORE_LAST_GOOD,
    /**
     * A new hash is published that not both peers run (died between steps 2 and 5): run the rollout
     * of the published bundle again; its steps are idempotent by hash, so done work is skipped.
     */
    RESUME_ROLLOUT;

    public static RepairDecision of(
            Optional<String> published,
            Optional<String> lastGood,
            Optional<String> secondary,
            Optional<String> primary) {
        if (published.isEmpty()) {
            return NOTHING_PUBLISHED;
        }
        if (published.equals(secondary) && published.equals(primary)) {
            return published.equals(lastGood) ? IN_SYNC : VERIFY_AND_RECORD;
        }
        return published.equals(lastGood) ? RESTORE_LAST_GOOD : RESUME_ROLLOUT;
    }
}
