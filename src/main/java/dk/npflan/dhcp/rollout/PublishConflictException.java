package dk.npflan.dhcp.rollout;

/**
 * Publishing lost the optimistic-locking race more often than the target's bound allows: someone
 * else keeps changing the published object. The message names the object and the attempts.
 */
public class PublishConflictException extends RuntimeException {

    public PublishConflictException(String message) {
        super(message);
    }

    public PublishConflictException(String message, Throwable cause) {
        super(message, cause);
    }
}
