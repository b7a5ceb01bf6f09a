package dk.npflan.dhcp.command;

/** The verdict of {@code netbox-dhcpd lease} and its exit code. */
public enum LeaseOutcome implements CommandOutcome {
    /** Both peers hold the lease, active. */
    FOUND(0),
    /** Both peers answered, and at least one holds no active lease for it. */
    NOT_FOUND(1),
    /** A peer could not be asked, or a usage or settings error. */
    UNREACHABLE(2);

    private final int exitCode;

    LeaseOutcome(int exitCode) {
        this.exitCode = exitCode;
    }

    @Override
    public int exitCode() {
        return exitCode;
    }
}
