package dk.npflan.dhcp.kea.server;

import java.util.OptionalInt;

/**
 * How a Kea daemon was stopped, so a caller can tell a clean {@code shutdown} from one that needed
 * signals (a hung daemon is worth an alert).
 *
 * @param how the first means that ended the process
 * @param exitCode the exit code, empty if nothing ran or the process outlived SIGKILL's wait
 */
public record KeaStop(How how, OptionalInt exitCode) {

    /** The means that ended the process, in the order they are tried. */
    public enum How {
        /** Nothing was running. */
        NOT_RUNNING,
        /** The daemon's own {@code shutdown} command. */
        SHUTDOWN_COMMAND,
        /** SIGTERM after the command did not end it within the stop timeout. */
        SIGTERM,
        /** SIGKILL after SIGTERM did not end it within the stop timeout. */
        SIGKILL
    }
}
