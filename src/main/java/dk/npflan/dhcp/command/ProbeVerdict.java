package dk.npflan.dhcp.command;

/** The verdict of {@code netbox-dhcpd probe} and its exit code. */
public enum ProbeVerdict implements CommandOutcome {
    /** Every probe got a DHCPACK from the expected server. */
    READY(0),
    /** At least one probe failed (timeout, NAK, wrong server, no interface, socket error). */
    NOT_READY(1),
    /** Usage or settings error: nothing was probed. */
    USAGE(2);

    private final int exitCode;

    ProbeVerdict(int exitCode) {
        this.exitCode = exitCode;
    }

    @Override
    public int exitCode() {
        return exitCode;
    }
}
