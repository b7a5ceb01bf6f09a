package dk.npflan.dhcp.command;

/** The verdict of {@code netbox-dhcpd status} and its exit code. */
public enum StatusOutcome implements CommandOutcome {
    /** Both peers run the published hash and are ready. */
    HEALTHY(0),
    /** serve answered, but a peer lags, is not ready or nothing is published. */
    DEGRADED(1),
    /** serve did not answer, or a usage error. */
    UNREACHABLE(2);

    private final int exitCode;

    StatusOutcome(int exitCode) {
        this.exitCode = exitCode;
    }

    @Override
    public int exitCode() {
        return exitCode;
    }
}
