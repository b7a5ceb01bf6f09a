package dk.npflan.dhcp.omapi;

/**
 * One side's failover state exactly as OMAPI reported it: the raw code plus its meaning. The raw
 * code is kept so that an unknown state is shown as {@code unknown(n)} rather than lost.
 */
public record FailoverCode(int code) {

    public FailoverState state() {
        return FailoverState.ofCode(code);
    }

    public boolean isNormal() {
        return state() == FailoverState.NORMAL;
    }

    /** {@code normal} for a known code, {@code unknown(n)} otherwise. */
    public String label() {
        FailoverState state = state();
        return state == FailoverState.UNKNOWN ? "unknown(" + code + ")" : state.dhcpdName();
    }

    @Override
    public String toString() {
        return label() + " (" + code + ")";
    }
}
