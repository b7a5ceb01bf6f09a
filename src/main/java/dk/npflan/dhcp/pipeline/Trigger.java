package dk.npflan.dhcp.pipeline;

import java.util.Locale;

/** Why a reconcile ran; a label in audit data and metrics. */
public enum Trigger {
    /** NetBox events, coalesced. */
    EVENTS,
    /** The full reconcile right after startup. */
    STARTUP,
    /** The periodic full reconcile. */
    RESYNC,
    /** A retry after NetBox could not be read or the outcome could not be recorded. */
    RETRY,
    /** {@code POST /reconcile}. */
    MANUAL,
    /** The inventory file (standing in for NetBox) was changed. */
    INVENTORY_FILE;

    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Whether this is a full reconcile not caused by events (audited as a resync). */
    public boolean isResync() {
        return this == STARTUP || this == RESYNC || this == RETRY;
    }
}
