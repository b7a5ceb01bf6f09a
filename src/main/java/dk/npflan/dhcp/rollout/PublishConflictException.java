package dk.npflan.dhcp.rollout;

/**
 * A publish lost the optimistic-locking race more often than the target's bound allows (someone
 * else keeps writing the published object). Nothing was published.
 */
public class PublishConflictException extends RuntimeException {

    public PublishConflictException(String reason) {
        super(reason);
    }

    public PublishConflictException(String reason, Throwable cause) {
        super(reason, cause);
    }
}
