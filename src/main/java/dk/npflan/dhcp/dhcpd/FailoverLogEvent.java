package dk.npflan.dhcp.dhcpd;

/**
 * A failover transition dhcpd reported in its log. The authoritative live state comes from OMAPI; these
 * events exist so that supervision can record when and in which order transitions happened (for the audit
 * trail and for diagnosing a rollout), which OMAPI polling alone cannot show. State names are dhcpd's own
 * words ({@code normal}, {@code communications-interrupted}, {@code recover-wait}, …).
 */
public sealed interface FailoverLogEvent {

    /** The failover peer name from the config, e.g. {@code failover-partner}. */
    String peer();

    /** {@code failover peer P: I move from A to B}: this server changed state. */
    record LocalMove(String peer, String from, String to) implements FailoverLogEvent {}

    /** {@code failover peer P: peer moves from A to B}: this server learnt that its partner changed state. */
    record PeerMove(String peer, String from, String to) implements FailoverLogEvent {}

    /** {@code failover peer P: Both servers normal}. */
    record BothNormal(String peer) implements FailoverLogEvent {}
}
