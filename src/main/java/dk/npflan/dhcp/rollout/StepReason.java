package dk.npflan.dhcp.rollout;

/**
 * Why a step ended as it did. One enum for successes and failures so that logs, audit records and
 * metrics name the same reason; each carries a human note for operators.
 */
public enum StepReason {
    LOCK_ACQUIRED("this roller holds the rollout lock"),
    LOCK_HELD("another rollout holds the lock; try again later"),
    LOCK_LOST("the rollout lock was lost; stopped before touching another peer"),
    ALREADY_RUNNING("both peers already run this hash and it is published"),
    CHANGE_NEEDED("the peers do not both run this hash"),
    PUBLISHED("published"),
    ALREADY_PUBLISHED("this hash was already published"),
    OLDER_SNAPSHOT(
            "the bundle was rendered from a NetBox snapshot older than the published one's; not"
                    + " published over a newer rollout"),
    PUBLISH_CONFLICT("the published object kept changing under us; nothing published"),
    PROPAGATED("every peer mounts the hash"),
    PROPAGATION_DEADLINE("a peer did not mount the hash before the propagation deadline"),
    RESTARTED("restarted; both peers normal and the restarted peer serving"),
    ALREADY_ON_HASH("the peer already ran the hash; both peers normal and it serves"),
    PARTNER_NOT_SERVING("the other peer is not serving, so this one may not be restarted"),
    PAIR_NOT_NORMAL(
            "the pair was not normal/normal (stable) within the restart deadline, so no serving"
                    + " peer was restarted; try again later"),
    INTERLOCK(
            "the primary may only be restarted onto what the secondary runs, or onto the last good"
                    + " bundle"),
    CONFIG_REJECTED("dhcpd -t rejected the config; dhcpd untouched"),
    START_FAILED("dhcpd did not come up on the config"),
    RESTART_REFUSED("the agent kept refusing the restart (in progress or hash mismatch)"),
    PEER_UNREACHABLE("a peer's agent could not be reached"),
    CRASH_LOOP("dhcpd is crash-looping"),
    LEASE_STATE_LOST(
            "a peer is in recover / recover-wait (lease state lost): it serves nothing until MCLT"
                    + " passes; operator attention needed"),
    PARTNER_DOWN("a peer is in partner-down; operator attention needed"),
    NOT_NORMAL_BEFORE_DEADLINE("the pair did not reach normal/normal before the restart deadline"),
    RE_PAIRED(
            "restarted in place on the config it runs: it held its partner's old address; both"
                    + " peers normal again"),
    PARTNER_NAME_STALE(
            "the re-paired peer resolved its partner's old address again: the name has not moved"
                    + " yet (DNS); a later re-pair tries again"),
    PARTNER_NOT_MOVED("no peer holds an old partner address (any more); nothing restarted"),
    RECORDED_LAST_GOOD("recorded as the last good bundle"),
    RESTORED_LAST_GOOD("the last good bundle is published again"),
    NO_LAST_GOOD("there is no last good bundle to roll back to"),
    NOTHING_PUBLISHED("nothing is published yet; nothing to repair"),
    REPAIR_PLANNED("observed the platform and chose how to repair"),
    OBSERVATION_UNSETTLED(
            "what the peers report kept changing, so no repair was decided; try again later"),
    INTERRUPTED("the roller thread was interrupted"),
    PLATFORM_UNAVAILABLE(
            "the platform's API kept failing (retried with back-off within the restart deadline);"
                    + " retry later when no peer was restarted yet, else halt"),
    UNEXPECTED_ERROR("an unexpected error stopped the step; the detail names it"),
    REFUSED("rollouts are paused or this bundle is held after a failure; nothing touched");

    private final String note;

    StepReason(String note) {
        this.note = note;
    }

    public String note() {
        return note;
    }

    /** The lower-case, dash-separated name used in audit data. */
    public String label() {
        return name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
    }
}
