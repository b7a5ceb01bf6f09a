package dk.npflan.dhcp.peer;

/**
 * One side's state as a server reported it: the neutral {@link PeerHealth} the gates decide on, and
 * the server's own word for it ({@code raw}, e.g. dhcpd's {@code communications-interrupted}) that
 * logs, audit records and the status page show.
 */
public record HealthReading(PeerHealth health, String raw) {

    public boolean is(PeerHealth wanted) {
        return health == wanted;
    }
}
