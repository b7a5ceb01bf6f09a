package dk.npflan.dhcp.rollout;

/**
 * Why the roller restarts peers in a run: carried in every audit record of the run, so that a
 * restart can always be traced to its cause.
 */
public enum RestartReason {
    /** A new bundle was rendered from NetBox. */
    CONFIG_CHANGED("config-changed"),
    /** A repair found an interrupted rollout and carries it on. */
    RESUMED("resumed"),
    /** Going back to the last good bundle after a failure. */
    ROLLBACK("rollback"),
    /** A peer holds its partner's old address: restarted in place on what it runs (re-pair). */
    PARTNER_MOVED("partner-moved");

    private final String label;

    RestartReason(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }
}
