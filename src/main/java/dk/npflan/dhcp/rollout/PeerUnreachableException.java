package dk.npflan.dhcp.rollout;

/**
 * A peer's agent could not be reached or did not answer usefully; the message says why (no pod, no
 * address, connection refused, timeout, unexpected status). Never carries a secret.
 */
public class PeerUnreachableException extends RuntimeException {

    public PeerUnreachableException(String message) {
        super(message);
    }

    public PeerUnreachableException(String message, Throwable cause) {
        super(message, cause);
    }
}
