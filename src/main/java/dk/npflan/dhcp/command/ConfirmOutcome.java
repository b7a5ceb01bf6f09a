package dk.npflan.dhcp.command;

/** The verdict of {@code netbox-dhcpd confirm} and its exit code. */
public enum ConfirmOutcome implements CommandOutcome {
    /** serve accepted the forced reconcile (202). */
    QUEUED(0),
    /** The token was refused, nothing is held, or serve said no. */
    REFUSED(1),
    /** serve did not answer, or a usage or settings error. */
    UNREACHABLE(2);

    private final int exitCode;

    ConfirmOutcome(int exitCode) {
        this.exitCode = exitCode;
    }

    @Override
    public int exitCode() {
        return exitCode;
    }
}
