package dk.npflan.dhcp.netbox;

/**
 * The criterion that marks a NetBox prefix as a DHCP subnet. A single named mode keeps the
 * configuration unambiguous: the operator says which NetBox feature carries the decision.
 */
public enum SelectionMode {
    /** Prefix carries a tag (default {@code dhcp}). */
    TAG,
    /** Prefix has one of the configured role slugs. */
    ROLE,
    /** A boolean custom field on the prefix is {@code true}. */
    CUSTOM_FIELD,
    /** Prefix lives in one of the configured VRFs. */
    VRF
}
