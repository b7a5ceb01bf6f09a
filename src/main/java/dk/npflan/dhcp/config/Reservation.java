package dk.npflan.dhcp.config;

import java.util.Optional;

/**
 * One host reservation: the client with this MAC always gets this address. It comes from a NetBox
 * IP address ({@code source}); the MAC has been parsed into canonical form ({@link MacAddress}) and
 * the host name checked, so renderers only print them.
 */
public record Reservation(
        Ipv4Address address, MacAddress mac, Optional<String> hostName, NetBoxObject source) {

    /**
     * The name dhcpd's {@code host} declaration and the diff know it by, {@code nbd-ip-<NetBox
     * id>}: stable while the IP address object lives, whatever its address or MAC.
     */
    public String name() {
        return "nbd-ip-" + source.id();
    }
}
