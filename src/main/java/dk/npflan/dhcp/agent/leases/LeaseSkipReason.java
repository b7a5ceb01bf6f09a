package dk.npflan.dhcp.agent.leases;

/**
 * Why the lease-file reader skipped a block. Counted per reason and exported as the {@code reason}
 * label of {@code dhcpd_leases_parse_errors_total}: a bounded set, never file content.
 */
public enum LeaseSkipReason {
    /**
     * A complete statement that is not valid: bad address, no or unknown binding state, stray
     * brace, control bytes.
     */
    MALFORMED,
    /** A statement cut off by the next top-level statement at the start of a line (torn write). */
    TORN,
    /** A statement longer than the reader's limit; the reader skipped to the next line start. */
    OVERSIZE,
    /** A valid lease for a new address while the lease table was full. */
    CAPACITY;

    /** The Prometheus label value. */
    public String label() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
