package dk.npflan.dhcp.command;

/** How {@code netbox-dhcpd serve} ended, and its exit code. */
public enum ServeOutcome implements CommandOutcome {
    /** The service ran and was stopped (SIGTERM, Ctrl-C). */
    STOPPED(0),
    /**
     * It did not start or failed while running: no webhook secret, a port in use, the broker or
     * Quarkus failed to start.
     */
    FAILED(1),
    /** A setting does not convert or is out of range. */
    SETTINGS_INVALID(2);

    private final int exitCode;

    ServeOutcome(int exitCode) {
        this.exitCode = exitCode;
    }

    @Override
    public int exitCode() {
        return exitCode;
    }
}
