package dk.npflan.dhcp.config;

import java.util.List;

/**
 * One {@code subnet … netmask …} declaration with its options and pools. {@code vrf} is the NetBox
 * VRF name (empty for the global table) and only orders the output; {@code comment} is already
 * sanitized.
 */
public record Subnet(
        Ipv4Network network,
        String vrf,
        NetBoxObject source,
        String comment,
        DhcpOptions options,
        List<Pool> pools) {

    public Subnet {
        pools = List.copyOf(pools);
    }
}
