package dk.npflan.dhcp.pipeline;

import java.util.Locale;

/** How a reconcile ended; the {@code outcome} label of audit events and metrics. */
public enum ReconcileOutcome {
    /** The rendered hash is what is published and running: nothing to do. */
    UNCHANGED,
    /** Published and rolled out to both peers. */
    ROLLED_OUT,
    /** Rendered and checked, but no rollout target is configured. */
    RENDERED_ONLY,
    /** Our checks or {@code dhcpd -t} rejected the config; nothing published. */
    REJECTED,
    /** The sanity bound held the config; nothing published until forced. */
    HELD,
    /** NetBox (or the inventory file) could not be read; nothing rendered. Retried. */
    INVENTORY_FAILED,
    /** The rollout failed. */
    ROLLOUT_FAILED,
    /** The rollout could not start now (lock held, peer unreachable); retried. */
    ROLLOUT_DEFERRED,
    /** The rollout failed and the last good config was put back. */
    ROLLED_BACK,
    /** Rendered and checked, not rolled out: rollouts are paused ({@code POST /rollouts/pause}). */
    PAUSED,
    /**
     * Rendered and checked, not rolled out: this hash rolled back or halted before and its back-off
     * has not passed; a different render, the back-off or {@code POST /reconcile?force=true} ends
     * it.
     */
    BUNDLE_HELD;

    public String label() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }
}
