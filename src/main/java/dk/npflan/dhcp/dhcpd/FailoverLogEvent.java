package dk.npflan.dhcp.dhcpd;

import dk.npflan.dhcp.omapi.FailoverState;

/**
 * A failover transition dhcpd reported in its log. The authoritative live state comes from OMAPI;
 * these events exist so that supervision can record when and in which order transitions happened
 * (for the audit trail and for diagnosing a rollout), which OMAPI polling alone cannot show. States
 * are the same {@link FailoverState} values OMAPI reports, read from dhcpd's names ({@code
 * communications-interrupted}, …).
 */
public sealed interface FailoverLogEvent {

    /** The failover peer name from the config, e.g. {@code failover-partner}. */
    String peer();

    /** {@code failover peer P: I move from A to B}: this server changed state. */
    record LocalMove(String peer, FailoverState from, FailoverState to)
            implements FailoverLogEvent {}

    /**
     * {@code failover peer P: peer moves from A to B}: this server learnt that its partner changed
     * state.
     */
    record PeerMove(String peer, FailoverState from, FailoverState to)
            implements FailoverLogEvent {}

    /** {@code failover peer P: Both servers normal}. */
    record BothNormal(String peer) implements FailoverLogEvent {}
}
