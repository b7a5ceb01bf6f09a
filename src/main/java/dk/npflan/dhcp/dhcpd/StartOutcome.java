package dk.npflan.dhcp.dhcpd;

/**
 * What {@link DhcpdSupervisor#start()} did. A config that fails {@code dhcpd -t} is a normal,
 * expected outcome (never an exception), because the caller must keep the old server and report the
 * reason.
 */
public sealed interface StartOutcome {

    /** dhcpd was launched; {@code leaseFile} says whether an empty lease file had to be created. */
    record Started(long pid, LeaseFile.Presence leaseFile) implements StartOutcome {}

    /** {@code dhcpd -t} rejected the config; nothing was started. */
    record ConfigRejected(ConfigCheck check) implements StartOutcome {}

    /** dhcpd is already running under this supervisor. */
    record AlreadyRunning(long pid) implements StartOutcome {}

    /** The process could not be launched (binary missing, lease directory not writable, …). */
    record LaunchFailed(String reason) implements StartOutcome {}
}
