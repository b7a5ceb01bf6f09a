package dk.npflan.dhcp.kea.control;

/**
 * Bytes came back but they are not a Kea answer of the expected shape (not JSON, no {@code result},
 * arguments that do not bind). Points at a wrong socket or a Kea version that changed an answer.
 */
public final class KeaMalformedAnswerException extends KeaControlException {

    public KeaMalformedAnswerException(String command, String message, Throwable cause) {
        super(command, message, cause);
    }
}
