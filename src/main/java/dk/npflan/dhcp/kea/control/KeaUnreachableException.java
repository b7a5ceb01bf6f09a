package dk.npflan.dhcp.kea.control;

import java.util.Locale;

/**
 * No answer from the daemon: the socket is not there, nobody listens on it, the connection broke,
 * or the call's timeout passed. The {@link Reason} is what a caller (and an operator) acts on: an
 * absent socket means the daemon is not running (or is configured with another path); a timeout
 * means it is busy or hung.
 */
public final class KeaUnreachableException extends KeaControlException {

    /** Why there was no answer. */
    public enum Reason {
        /** No file at the socket path: the daemon is not running or uses another path. */
        SOCKET_ABSENT,
        /** The file exists but nobody accepts on it (a stale socket of a stopped daemon). */
        REFUSED,
        /** Connected, but no complete answer within the call's timeout. */
        TIMED_OUT,
        /** The daemon closed the connection before the answer was complete. */
        CLOSED_EARLY,
        /** Any other I/O error (permissions, HTTP status from the control agent, …). */
        IO_ERROR
    }

    private final Reason reason;

    public KeaUnreachableException(String command, Reason reason, String message, Throwable cause) {
        super(command, reason.name().toLowerCase(Locale.ROOT) + ": " + message, cause);
        this.reason = reason;
    }

    public Reason reason() {
        return reason;
    }
}
