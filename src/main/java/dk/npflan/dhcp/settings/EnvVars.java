package dk.npflan.dhcp.settings;

import java.util.Locale;

/** How a setting's property name becomes the environment variable SmallRye reads for it. */
public final class EnvVars {

    private EnvVars() {}

    /**
     * Upper case, every character other than a letter or digit replaced by {@code _}: {@code
     * netbox-dhcpd.omapi.port} → {@code NETBOX_DHCPD_OMAPI_PORT}.
     */
    public static String of(String property) {
        return property.replaceAll("[^A-Za-z0-9]", "_").toUpperCase(Locale.ROOT);
    }
}
