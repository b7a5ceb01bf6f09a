package dk.npflan.dhcp.command;

/** The verdict of {@code netbox-dhcpd audit} and its exit code. */
public enum AuditOutcome implements CommandOutcome {
    /** The records were printed (none, when the topic is empty or does not exist yet). */
    PRINTED(0),
    /** No Kafka broker answered at the bootstrap address within the timeout. */
    BROKER_UNREACHABLE(1),
    /** Usage or settings error: nothing was read. */
    USAGE(2);

    private final int exitCode;

    AuditOutcome(int exitCode) {
        this.exitCode = exitCode;
    }

    @Override
    public int exitCode() {
        return exitCode;
    }
}
