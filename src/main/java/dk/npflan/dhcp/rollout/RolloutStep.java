package dk.npflan.dhcp.rollout;

/**
 * The steps of a rollout (numbered as in the {@link Roller} Javadoc), of its rollback and of a
 * repair. Each run of a step emits exactly one audit record when it ends, and a step that {@link
 * #restartsPeer() restarts a peer} one more when it starts; the {@link #label()} is the {@code
 * step} tag of {@code netbox_dhcpd_rollout_steps_total}, so the set is fixed.
 */
public enum RolloutStep {
    LOCK("lock"),
    COMPARE("compare"),
    PUBLISH("publish"),
    PROPAGATE("propagate"),
    RESTART_SECONDARY("restart-secondary"),
    RESTART_PRIMARY("restart-primary"),
    RECORD_LAST_GOOD("record-last-good"),
    RESTORE_LAST_GOOD("restore-last-good"),
    ROLLBACK_PRIMARY("rollback-primary"),
    ROLLBACK_SECONDARY("rollback-secondary"),
    OBSERVE("observe"),
    VERIFY("verify"),
    /** Asked the {@link RolloutGuard} under the lock; recorded only when it refused. */
    ADMIT("admit"),
    /** Restart a peer that holds its partner's old address in place ({@link PartnerMove}). */
    RE_PAIR("re-pair");

    private final String label;

    RolloutStep(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }

    /**
     * Whether the step restarts a peer (it may find the peer on the hash already and leave it).
     * Such a step can take the restart deadline, so its start is audited too.
     */
    public boolean restartsPeer() {
        return switch (this) {
            case RESTART_SECONDARY,
                    RESTART_PRIMARY,
                    ROLLBACK_PRIMARY,
                    ROLLBACK_SECONDARY,
                    RE_PAIR ->
                    true;
            default -> false;
        };
    }

    /** Why this step restarts a peer in a run that restarts for {@code ofRun}. */
    public RestartReason restartReason(RestartReason ofRun) {
        if (rollsBack()) {
            return RestartReason.ROLLBACK;
        }
        return this == RE_PAIR ? RestartReason.PARTNER_MOVED : ofRun;
    }

    /**
     * Whether the step belongs to a rollback: its restarts are for {@link RestartReason#ROLLBACK}.
     */
    public boolean rollsBack() {
        return switch (this) {
            case RESTORE_LAST_GOOD, ROLLBACK_PRIMARY, ROLLBACK_SECONDARY -> true;
            default -> false;
        };
    }
}
