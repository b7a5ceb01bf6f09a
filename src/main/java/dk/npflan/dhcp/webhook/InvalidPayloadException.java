package dk.npflan.dhcp.webhook;

/**
 * A signed body that is not a NetBox webhook we can act on; the message is safe to show the sender.
 */
public final class InvalidPayloadException extends Exception {

    public InvalidPayloadException(String detail) {
        super(detail, null, false, false);
    }
}
