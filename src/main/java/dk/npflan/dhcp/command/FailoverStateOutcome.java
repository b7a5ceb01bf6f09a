package dk.npflan.dhcp.command;

/** The verdict of {@code netbox-dhcpd failover-state} and its exit code. */
public enum FailoverStateOutcome implements CommandOutcome {
    /** Local and partner state are both {@code normal}. */
    BOTH_NORMAL(0),
    /** dhcpd answered, but local or partner is not {@code normal}. */
    NOT_NORMAL(1),
    /** Usage, settings, key file, connect, authentication or protocol error. */
    ERROR(2);

    private final int exitCode;

    FailoverStateOutcome(int exitCode) {
        this.exitCode = exitCode;
    }

    @Override
    public int exitCode() {
        return exitCode;
    }
}
