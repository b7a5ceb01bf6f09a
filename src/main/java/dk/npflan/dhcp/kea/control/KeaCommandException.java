package dk.npflan.dhcp.kea.control;

/**
 * The daemon answered, with a result other than the one the command needs: an error, an unknown
 * command (the hook that provides it is not loaded) or an empty result where data was expected.
 * Carries Kea's result and text so callers never parse the message.
 */
public final class KeaCommandException extends KeaControlException {

    private final KeaResult result;
    private final String text;

    public KeaCommandException(String command, KeaResult result, String text) {
        super(command, "Kea answered " + result + " (" + result.code() + "): " + text, null);
        this.result = result;
        this.text = text;
    }

    public KeaResult result() {
        return result;
    }

    /** Kea's own explanation, verbatim. */
    public String text() {
        return text;
    }
}
