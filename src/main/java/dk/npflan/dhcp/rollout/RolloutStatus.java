package dk.npflan.dhcp.rollout;

/** How a rollout or repair ended, as a whole. */
public enum RolloutStatus {
    /** Nothing to do: both peers already ran the hash. */
    SKIPPED,
    /** Both peers run the new hash and it is recorded as last good. */
    COMPLETED,
    /** A step failed; the last good bundle is published and both peers run it again. */
    ROLLED_BACK,
    /**
     * Stopped with the peers left as they are; the report says why. Needs an operator or a repair.
     */
    HALTED,
    /** Refused before anything was restarted (lock held, peer unreachable, publish conflict). */
    RETRY_LATER
}
