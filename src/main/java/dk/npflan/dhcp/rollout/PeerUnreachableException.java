package dk.npflan.dhcp.rollout;

/** A peer's agent could not be reached or answered nonsense; the message says why. */
public class PeerUnreachableException extends RuntimeException {

    public PeerUnreachableException(String reason) {
        super(reason);
    }

    public PeerUnreachableException(String reason, Throwable cause) {
        super(reason, cause);
    }
}
