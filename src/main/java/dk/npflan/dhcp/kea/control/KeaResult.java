package dk.npflan.dhcp.kea.control;

/**
 * The {@code result} code of a Kea control-channel answer. Kea uses the same four codes for every
 * command and daemon; callers switch on this instead of comparing numbers or answer texts.
 */
public enum KeaResult {
    /** 0: the command did what was asked. */
    SUCCESS(0),
    /** 1: the command failed (bad arguments, config rejected, I/O error, …); the text says why. */
    ERROR(1),
    /** 2: the daemon does not know the command (e.g. {@code ha-*} without the HA hook loaded). */
    UNSUPPORTED(2),
    /** 3: the command succeeded but found nothing to return. */
    EMPTY(3);

    private final int code;

    KeaResult(int code) {
        this.code = code;
    }

    public int code() {
        return code;
    }

    /** The result for a code; codes Kea does not define count as {@link #ERROR}. */
    public static KeaResult of(int code) {
        for (KeaResult result : values()) {
            if (result.code == code) {
                return result;
            }
        }
        return ERROR;
    }
}
