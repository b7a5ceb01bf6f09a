package dk.npflan.dhcp.backend;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import io.smallrye.config.WithParentName;

/** Which DHCP server the pair runs, and so which backend renders, checks and applies bundles. */
@ConfigMapping(prefix = "netbox-dhcpd.backend")
public interface BackendSettings {

    /** {@code dhcpd} (ISC dhcpd failover pair) or {@code kea} (ISC Kea HA pair). */
    @WithParentName
    @WithDefault("dhcpd")
    Kind kind();

    /** The servers a pair can run. */
    enum Kind {
        DHCPD,
        KEA
    }
}
