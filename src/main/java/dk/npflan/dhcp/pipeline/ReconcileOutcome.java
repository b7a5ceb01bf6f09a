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
    ROLLED_BACK;

    public String label() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }
}
