package dk.npflan.dhcp.netbox;

/**
 * Why an inventory could not be loaded. Each value means "no config is rendered from this
 * snapshot"; the kind tells the operator where to look.
 */
public enum InventoryProblem {
    /** Settings missing or contradictory (no URL, no token, role mode without roles, …). */
    MISCONFIGURED,
    /**
     * NetBox rejected the token (401): missing, wrong, expired or not allowed from this address.
     */
    UNAUTHORIZED,
    /** The token is valid but lacks view permission (403). */
    FORBIDDEN,
    /** Connect errors, timeouts, 429 or 5xx that outlasted every retry. */
    UNAVAILABLE,
    /** NetBox answered with something we cannot use (redirect, 4xx, unreadable JSON). */
    BAD_RESPONSE,
    /** The rows kept shifting while paging ({@code count} changed or ids repeated). */
    INCONSISTENT,
    /**
     * A tag or custom field used for selection does not exist, so NetBox would ignore the filter.
     */
    SELECTION_FILTER_MISSING,
    /** The inventory file does not exist or cannot be read. */
    FILE_UNREADABLE,
    /** The inventory file is not valid inventory JSON. */
    FILE_INVALID
}
