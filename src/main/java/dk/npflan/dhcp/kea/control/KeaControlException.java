package dk.npflan.dhcp.kea.control;

/**
 * A command did not get a usable answer. Checked, so every caller decides what a failed command
 * means for it; the subclasses say whether the daemon could not be reached, answered with an error
 * code, or answered something that is not a Kea answer.
 */
public abstract sealed class KeaControlException extends Exception
        permits KeaUnreachableException, KeaCommandException, KeaMalformedAnswerException {

    private final String command;

    protected KeaControlException(String command, String message, Throwable cause) {
        super(command + ": " + message, cause);
        this.command = command;
    }

    /** The Kea command that failed, e.g. {@code config-set}. */
    public String command() {
        return command;
    }
}
