package dk.npflan.dhcp.omapi;

/**
 * A lease's binding state as dhcpd reports it in the OMAPI {@code state} attribute of a lease
 * object (the {@code FTS_*} codes in ISC {@code includes/dhcpd.h}). Codes we do not know map to
 * {@link #UNKNOWN}; the raw code stays in {@link LeaseBinding}.
 */
public enum BindingState {
    FREE(1),
    ACTIVE(2),
    EXPIRED(3),
    RELEASED(4),
    ABANDONED(5),
    RESET(6),
    BACKUP(7),
    RESERVED(8),
    BOOTP(9),
    UNKNOWN(-1);

    private final int code;

    BindingState(int code) {
        this.code = code;
    }

    public int code() {
        return code;
    }

    public static BindingState ofCode(int code) {
        for (BindingState state : values()) {
            if (state.code == code && state != UNKNOWN) {
                return state;
            }
        }
        return UNKNOWN;
    }
}
