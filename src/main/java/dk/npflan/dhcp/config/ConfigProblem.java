package dk.npflan.dhcp.config;

/**
 * One finding about the inventory or the model: either an error that makes the config unusable, or
 * a report of something deliberately left out (IPv6, too small). Each names the NetBox object to
 * fix.
 */
public record ConfigProblem(Kind kind, NetBoxObject object, String message) {

    /** Whether a finding blocks the config. */
    public enum Severity {
        ERROR,
        REPORT
    }

    /** Every class of finding; the documentation lists them in docs/rendering.md. */
    public enum Kind {
        IPV6_SKIPPED(Severity.REPORT),
        PREFIX_TOO_SMALL(Severity.REPORT),
        INVALID_PREFIX(Severity.ERROR),
        DUPLICATE_SUBNET(Severity.ERROR),
        OVERLAPPING_SUBNETS(Severity.ERROR),
        INVALID_RANGE(Severity.ERROR),
        RANGE_OUTSIDE_SUBNET(Severity.ERROR),
        RANGE_START_AFTER_END(Severity.ERROR),
        OVERLAPPING_RANGES(Severity.ERROR),
        RANGE_COVERS_RESERVED_ADDRESS(Severity.ERROR),
        INVALID_OPTION(Severity.ERROR),
        OPTION_CONFLICT(Severity.ERROR),
        INVALID_SHARED_NETWORK(Severity.ERROR),
        SHARED_NETWORK_OPTION_CONFLICT(Severity.ERROR),
        MISSING_SERVER_NETWORK(Severity.ERROR),
        POOL_WITHOUT_FAILOVER(Severity.ERROR),
        RESERVATION_WITHOUT_MAC(Severity.REPORT),
        INVALID_MAC(Severity.ERROR),
        INVALID_HOST_NAME(Severity.ERROR),
        DUPLICATE_RESERVATION_MAC(Severity.ERROR),
        DUPLICATE_RESERVATION_ADDRESS(Severity.ERROR),
        RESERVATION_OUTSIDE_SUBNET(Severity.ERROR),
        RESERVATION_ON_RESERVED_ADDRESS(Severity.ERROR),
        RESERVATION_IN_POOL(Severity.ERROR);

        private final Severity severity;

        Kind(Severity severity) {
            this.severity = severity;
        }

        public Severity severity() {
            return severity;
        }
    }

    public boolean isError() {
        return kind.severity() == Severity.ERROR;
    }

    @Override
    public String toString() {
        return kind + " " + object + ": " + message;
    }
}
