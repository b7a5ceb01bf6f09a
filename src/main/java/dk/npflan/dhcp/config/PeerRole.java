package dk.npflan.dhcp.config;

/**
 * The two failover roles; each gets its own rendered include file with the role-only statements.
 */
public enum PeerRole {
    PRIMARY("primary"),
    SECONDARY("secondary");

    private final String keyword;

    PeerRole(String keyword) {
        this.keyword = keyword;
    }

    /** The dhcpd keyword ({@code primary;} / {@code secondary;}). */
    public String keyword() {
        return keyword;
    }

    /** Name of this role's rendered failover file, e.g. {@code dhcpd.failover.primary}. */
    public String fileName() {
        return "dhcpd.failover." + keyword;
    }
}
