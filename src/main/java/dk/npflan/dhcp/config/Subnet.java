package dk.npflan.dhcp.config;

import java.util.List;
import java.util.Optional;

/**
 * One {@code subnet … netmask …} declaration with its options, pools and host reservations. {@code
 * vrf} is the NetBox VRF name (empty for the global table) and only orders the output; {@code
 * comment} is already sanitized; reservations are in address order. {@code sharedNetwork} names the
 * shared network (one link, several subnets) it is rendered in; empty for a subnet on its own.
 */
public record Subnet(
        Ipv4Network network,
        String vrf,
        NetBoxObject source,
        String comment,
        DhcpOptions options,
        List<Pool> pools,
        List<Reservation> reservations,
        Optional<String> sharedNetwork) {

    public Subnet {
        pools = List.copyOf(pools);
        reservations = List.copyOf(reservations);
    }

    /** A subnet on a link of its own. */
    public Subnet(
            Ipv4Network network,
            String vrf,
            NetBoxObject source,
            String comment,
            DhcpOptions options,
            List<Pool> pools,
            List<Reservation> reservations) {
        this(network, vrf, source, comment, options, pools, reservations, Optional.empty());
    }

    /** A subnet without host reservations. */
    public Subnet(
            Ipv4Network network,
            String vrf,
            NetBoxObject source,
            String comment,
            DhcpOptions options,
            List<Pool> pools) {
        this(network, vrf, source, comment, options, pools, List.of(), Optional.empty());
    }

    /** The same subnet holding these reservations instead. */
    public Subnet withReservations(List<Reservation> reservations) {
        return new Subnet(
                network, vrf, source, comment, options, pools, reservations, sharedNetwork);
    }

    /** The same subnet as a member of the shared network {@code name} (a safe identifier). */
    public Subnet inSharedNetwork(String name) {
        return new Subnet(
                network, vrf, source, comment, options, pools, reservations, Optional.of(name));
    }
}
