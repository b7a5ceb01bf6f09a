package dk.npflan.dhcp.config;

import java.util.List;

/**
 * One {@code subnet … netmask …} declaration with its options, pools and host reservations. {@code
 * vrf} is the NetBox VRF name (empty for the global table) and only orders the output; {@code
 * comment} is already sanitized; reservations are in address order.
 */
public record Subnet(
        Ipv4Network network,
        String vrf,
        NetBoxObject source,
        String comment,
        DhcpOptions options,
        List<Pool> pools,
        List<Reservation> reservations) {

    public Subnet {
        pools = List.copyOf(pools);
        reservations = List.copyOf(reservations);
    }

    /** A subnet without host reservations. */
    public Subnet(
            Ipv4Network network,
            String vrf,
            NetBoxObject source,
            String comment,
            DhcpOptions options,
            List<Pool> pools) {
        this(network, vrf, source, comment, options, pools, List.of());
    }

    /** The same subnet holding these reservations instead. */
    public Subnet withReservations(List<Reservation> reservations) {
        return new Subnet(network, vrf, source, comment, options, pools, reservations);
    }
}
