package dk.npflan.dhcp.config;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The standard DHCPv4 options (RFC 2132 and RFC 3397 domain-search) a NetBox {@code dhcp_options}
 * custom field may set, by dhcpd's or Kea's name. Left out on purpose: the options the server
 * manages itself (subnet mask, lease time, server identifier, message types, …), vendor and
 * relay-agent options, and the address-pair types (policy-filter, static-routes) whose syntax the
 * two backends do not share. Every entry is rendered and accepted by the real {@code dhcpd -t} and
 * {@code kea-dhcp4 -t} in {@code StandardOptionsRealCheckTest}.
 */
public final class StandardOptions {

    /** Every option, in code order. */
    public static final List<StandardOption> ALL =
            List.of(
                    option(2, "time-offset", "time-offset", OptionType.INT32, false),
                    option(3, "routers", "routers", OptionType.IP_LIST, true),
                    option(4, "time-servers", "time-servers", OptionType.IP_LIST, false),
                    option(5, "ien116-name-servers", "name-servers", OptionType.IP_LIST, false),
                    option(
                            6,
                            "domain-name-servers",
                            "domain-name-servers",
                            OptionType.IP_LIST,
                            false),
                    option(7, "log-servers", "log-servers", OptionType.IP_LIST, false),
                    option(8, "cookie-servers", "cookie-servers", OptionType.IP_LIST, false),
                    option(9, "lpr-servers", "lpr-servers", OptionType.IP_LIST, false),
                    option(10, "impress-servers", "impress-servers", OptionType.IP_LIST, false),
                    option(
                            11,
                            "resource-location-servers",
                            "resource-location-servers",
                            OptionType.IP_LIST,
                            false),
                    option(12, "host-name", "host-name", OptionType.TEXT, false),
                    option(13, "boot-size", "boot-size", OptionType.UINT16, false),
                    option(14, "merit-dump", "merit-dump", OptionType.TEXT, false),
                    option(15, "domain-name", "domain-name", OptionType.DOMAIN_NAME, false),
                    option(16, "swap-server", "swap-server", OptionType.IP, false),
                    option(17, "root-path", "root-path", OptionType.TEXT, false),
                    option(18, "extensions-path", "extensions-path", OptionType.TEXT, false),
                    option(19, "ip-forwarding", "ip-forwarding", OptionType.BOOL, false),
                    option(
                            20,
                            "non-local-source-routing",
                            "non-local-source-routing",
                            OptionType.BOOL,
                            false),
                    option(
                            22,
                            "max-dgram-reassembly",
                            "max-dgram-reassembly",
                            OptionType.UINT16,
                            false),
                    option(23, "default-ip-ttl", "default-ip-ttl", OptionType.UINT8, false),
                    option(
                            24,
                            "path-mtu-aging-timeout",
                            "path-mtu-aging-timeout",
                            OptionType.UINT32,
                            false),
                    option(26, "interface-mtu", "interface-mtu", OptionType.UINT16, false),
                    option(27, "all-subnets-local", "all-subnets-local", OptionType.BOOL, false),
                    option(28, "broadcast-address", "broadcast-address", OptionType.IP, true),
                    option(
                            29,
                            "perform-mask-discovery",
                            "perform-mask-discovery",
                            OptionType.BOOL,
                            false),
                    option(30, "mask-supplier", "mask-supplier", OptionType.BOOL, false),
                    option(31, "router-discovery", "router-discovery", OptionType.BOOL, false),
                    option(
                            32,
                            "router-solicitation-address",
                            "router-solicitation-address",
                            OptionType.IP,
                            true),
                    option(
                            34,
                            "trailer-encapsulation",
                            "trailer-encapsulation",
                            OptionType.BOOL,
                            false),
                    option(35, "arp-cache-timeout", "arp-cache-timeout", OptionType.UINT32, false),
                    option(
                            36,
                            "ieee802-3-encapsulation",
                            "ieee802-3-encapsulation",
                            OptionType.BOOL,
                            false),
                    option(37, "default-tcp-ttl", "default-tcp-ttl", OptionType.UINT8, false),
                    option(
                            38,
                            "tcp-keepalive-interval",
                            "tcp-keepalive-interval",
                            OptionType.UINT32,
                            false),
                    option(
                            39,
                            "tcp-keepalive-garbage",
                            "tcp-keepalive-garbage",
                            OptionType.BOOL,
                            false),
                    option(40, "nis-domain", "nis-domain", OptionType.TEXT, false),
                    option(41, "nis-servers", "nis-servers", OptionType.IP_LIST, false),
                    option(42, "ntp-servers", "ntp-servers", OptionType.IP_LIST, false),
                    option(
                            44,
                            "netbios-name-servers",
                            "netbios-name-servers",
                            OptionType.IP_LIST,
                            false),
                    option(45, "netbios-dd-server", "netbios-dd-server", OptionType.IP_LIST, false),
                    option(46, "netbios-node-type", "netbios-node-type", OptionType.UINT8, false),
                    option(47, "netbios-scope", "netbios-scope", OptionType.TEXT, false),
                    option(48, "font-servers", "font-servers", OptionType.IP_LIST, false),
                    option(49, "x-display-manager", "x-display-manager", OptionType.IP_LIST, false),
                    option(64, "nisplus-domain", "nisplus-domain-name", OptionType.TEXT, false),
                    option(65, "nisplus-servers", "nisplus-servers", OptionType.IP_LIST, false),
                    option(66, "tftp-server-name", "tftp-server-name", OptionType.TEXT, false),
                    option(67, "bootfile-name", "boot-file-name", OptionType.TEXT, false),
                    option(
                            68,
                            "mobile-ip-home-agent",
                            "mobile-ip-home-agent",
                            OptionType.IP_LIST,
                            false),
                    option(69, "smtp-server", "smtp-server", OptionType.IP_LIST, false),
                    option(70, "pop-server", "pop-server", OptionType.IP_LIST, false),
                    option(71, "nntp-server", "nntp-server", OptionType.IP_LIST, false),
                    option(72, "www-server", "www-server", OptionType.IP_LIST, false),
                    option(73, "finger-server", "finger-server", OptionType.IP_LIST, false),
                    option(74, "irc-server", "irc-server", OptionType.IP_LIST, false),
                    option(75, "streettalk-server", "streettalk-server", OptionType.IP_LIST, false),
                    option(
                            76,
                            "streettalk-directory-assistance-server",
                            "streettalk-directory-assistance-server",
                            OptionType.IP_LIST,
                            false),
                    option(119, "domain-search", "domain-search", OptionType.DOMAIN_LIST, false));

    private static final Map<String, StandardOption> BY_NAME = new HashMap<>();

    static {
        for (StandardOption option : ALL) {
            BY_NAME.put(option.dhcpdName(), option);
            BY_NAME.put(option.keaName(), option);
        }
    }

    private StandardOptions() {}

    /** The option by either backend's name (exact, lower case). */
    public static Optional<StandardOption> find(String name) {
        return Optional.ofNullable(BY_NAME.get(name));
    }

    private static StandardOption option(
            int code, String dhcpdName, String keaName, OptionType type, boolean perSubnet) {
        return new StandardOption(code, dhcpdName, keaName, type, perSubnet);
    }
}
