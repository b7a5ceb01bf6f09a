package dk.npflan.dhcp.audit;

/**
 * The CloudEvent {@code type} of every audit event the pipeline writes (reverse-DNS, one per fact),
 * in one place so that docs/operations.md, consumers and tests agree. The roller writes one record
 * per step run (publish, each peer restart, …) with its own {@code
 * …rollout.step.completed|deferred| halted|failed} types, and {@code …rollout.step.started} when a
 * peer restart begins ({@code rollout.RolloutAudit}); {@link #ROLLOUT_STEP_COMPLETED} is the one
 * the tests' fake roller writes.
 */
public final class AuditTypes {

    public static final String PREFIX = "dk.npflan.netbox-dhcpd.";

    public static final String RESYNC_STARTED = PREFIX + "resync.started";
    public static final String RECONCILE_STARTED = PREFIX + "reconcile.started";
    public static final String RECONCILE_FAILED = PREFIX + "reconcile.failed";
    public static final String RECONCILE_COMPLETED = PREFIX + "reconcile.completed";
    public static final String CONFIG_RENDERED = PREFIX + "config.rendered";
    public static final String CONFIG_REJECTED = PREFIX + "config.rejected";
    public static final String CONFIG_HELD = PREFIX + "config.held";
    public static final String ROLLOUT_COMPLETED = PREFIX + "rollout.completed";
    public static final String ROLLOUT_FAILED = PREFIX + "rollout.failed";
    public static final String ROLLOUT_ROLLED_BACK = PREFIX + "rollout.rolled-back";
    public static final String ROLLOUT_DEFERRED = PREFIX + "rollout.deferred";
    public static final String ROLLOUT_SKIPPED = PREFIX + "rollout.skipped";
    public static final String ROLLOUT_STEP_COMPLETED = PREFIX + "rollout.step.completed";

    /** A reconcile did not roll out because its hash is held after a failure. */
    public static final String ROLLOUT_HELD = PREFIX + "rollout.held";

    /** A reconcile did not roll out because rollouts are paused. */
    public static final String ROLLOUT_WITHHELD = PREFIX + "rollout.withheld";

    /** A rollout's end (rolled back, halted after publishing) made its hash held. */
    public static final String BUNDLE_HELD = PREFIX + "bundle.held";

    /** A held hash is no longer held: a rollout (of it or of a different render) completed. */
    public static final String BUNDLE_RELEASED = PREFIX + "bundle.released";

    /** {@code POST /rollouts/pause}: rollouts are paused. */
    public static final String ROLLOUTS_PAUSED = PREFIX + "rollouts.paused";

    /** {@code POST /rollouts/resume}: rollouts may run again. */
    public static final String ROLLOUTS_RESUMED = PREFIX + "rollouts.resumed";

    private AuditTypes() {}
}
