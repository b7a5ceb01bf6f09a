package dk.npflan.dhcp.omapi;

/**
 * The one failure type of the OMAPI client. Callers (the {@code failover-state} command, the
 * rollout gate, tests) decide what to do from the {@link Reason}, not from message text, so every
 * way a conversation with dhcpd can go wrong maps to exactly one reason.
 */
public final class OmapiException extends Exception {

    /** Why an OMAPI call failed. */
    public enum Reason {
        /** TCP connect refused, unreachable or timed out. */
        CONNECT_FAILED,
        /** The server accepted but did not answer within the operation deadline. */
        TIMEOUT,
        /** The server rejected our key, or its answer did not carry a valid signature for it. */
        AUTH_FAILED,
        /** The object asked for (peer name, lease address) does not exist on the server. */
        NOT_FOUND,
        /** The server closed the connection before a complete answer arrived. */
        CONNECTION_CLOSED,
        /** The bytes received are not OMAPI (wrong handshake, impossible lengths, size limits). */
        PROTOCOL_ERROR,
        /** The server answered with an OMAPI status error other than the ones above. */
        SERVER_ERROR,
        /** The key file is missing, unreadable or not a dhcpd {@code key} statement we can use. */
        BAD_KEY_FILE
    }

    private final Reason reason;

    public OmapiException(Reason reason, String message) {
        super(message);
        this.reason = reason;
    }

    public OmapiException(Reason reason, String message, Throwable cause) {
        super(message, cause);
        this.reason = reason;
    }

    public Reason reason() {
        return reason;
    }

    @Override
    public String getMessage() {
        return reason + ": " + super.getMessage();
    }
}
