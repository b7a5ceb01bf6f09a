package dk.npflan.dhcp.omapi;

/**
 * The failover states of ISC dhcpd 4.x with the numeric codes OMAPI reports for them ({@code
 * local-state}/{@code partner-state}). The rollout gate and the operator command reason in these
 * names; a code outside dhcpd's list is kept as {@link #UNKNOWN} together with its number in {@link
 * FailoverCode}, never guessed.
 */
public enum FailoverState {
    /** dhcpd's {@code unknown-state}: the partner's state has not been learnt (yet). */
    UNKNOWN_STATE(0, "unknown-state"),
    STARTUP(1, "startup"),
    NORMAL(2, "normal"),
    COMMUNICATIONS_INTERRUPTED(3, "communications-interrupted"),
    PARTNER_DOWN(4, "partner-down"),
    POTENTIAL_CONFLICT(5, "potential-conflict"),
    RECOVER(6, "recover"),
    PAUSED(7, "paused"),
    SHUTDOWN(8, "shutdown"),
    RECOVER_DONE(9, "recover-done"),
    RESOLUTION_INTERRUPTED(10, "resolution-interrupted"),
    CONFLICT_DONE(11, "conflict-done"),
    RECOVER_WAIT(254, "recover-wait"),
    UNKNOWN(-1, "unknown");

    private final int code;
    private final String dhcpdName;

    FailoverState(int code, String dhcpdName) {
        this.code = code;
        this.dhcpdName = dhcpdName;
    }

    /** The OMAPI code, -1 for {@link #UNKNOWN}. */
    public int code() {
        return code;
    }

    /** The name dhcpd uses in its log and lease file, e.g. {@code communications-interrupted}. */
    public String dhcpdName() {
        return dhcpdName;
    }

    /** The state for an OMAPI code; {@link #UNKNOWN} for any code not listed. */
    public static FailoverState ofCode(int code) {
        for (FailoverState state : values()) {
            if (state.code == code && state != UNKNOWN) {
                return state;
            }
        }
        return UNKNOWN;
    }
}
