package dk.npflan.dhcp.config;

/**
 * One standard DHCPv4 option both backends know by name: its code, dhcpd's name, Kea's name (the
 * same for all but three), its value type, and whether it describes its own subnet (a router, a
 * broadcast address), so that members of one shared network may differ in it.
 */
public record StandardOption(
        int code, String dhcpdName, String keaName, OptionType type, boolean perSubnet) {}
