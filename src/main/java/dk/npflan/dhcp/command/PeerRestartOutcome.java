package dk.npflan.dhcp.command;

/** The verdict of {@code netbox-dhcpd peer restart} and its exit code. */
public enum PeerRestartOutcome implements CommandOutcome {
    /** The peer's dhcpd was restarted in place and is up. */
    RESTARTED(0),
    /** Refused (the other peer is not serving) or the restart failed. */
    REFUSED(1),
    /** The agent did not answer, or a usage or settings error. */
    UNREACHABLE(2);

    private final int exitCode;

    PeerRestartOutcome(int exitCode) {
        this.exitCode = exitCode;
    }

    @Override
    public int exitCode() {
        return exitCode;
    }
}
