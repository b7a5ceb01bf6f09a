package dk.npflan.dhcp.rollout;

/**
 * The steps of a rollout (numbered as in the {@link Roller} Javadoc), of its rollback and of a
 * repair. Each run of a step emits exactly one audit record; the {@link #label()} is the {@code
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
    VERIFY("verify");

    private final String label;

    RolloutStep(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }
}
