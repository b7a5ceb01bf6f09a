package dk.npflan.dhcp;

/**
 * A setting that does not convert or is out of range, found when the settings are loaded. Its
 * message is one line naming the property and its environment variable, ready to print as is.
 */
public final class SettingsException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public SettingsException(String message) {
        super(message);
    }
}
