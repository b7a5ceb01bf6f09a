package dk.npflan.dhcp.config;

import dk.npflan.dhcp.netbox.IpAddress;
import dk.npflan.dhcp.netbox.IpRange;
import dk.npflan.dhcp.netbox.Prefix;

/**
 * Where a piece of the rendered config came from, so that every report and error can name the
 * NetBox object an operator has to fix (type, id, address text, URL) or the setting that produced
 * it.
 */
public record NetBoxObject(String type, long id, String display, String url) {

    public static final String PREFIX = "ipam.prefix";
    public static final String IP_RANGE = "ipam.iprange";
    public static final String IP_ADDRESS = "ipam.ipaddress";
    public static final String SETTING = "setting";

    public static NetBoxObject of(Prefix prefix) {
        return new NetBoxObject(
                PREFIX,
                prefix.id(),
                String.valueOf(prefix.prefix()),
                link(prefix.displayUrl(), prefix.url()));
    }

    public static NetBoxObject of(IpRange range) {
        return new NetBoxObject(
                IP_RANGE,
                range.id(),
                range.startAddress() + "-" + range.endAddress(),
                link(range.displayUrl(), range.url()));
    }

    public static NetBoxObject of(IpAddress address) {
        return new NetBoxObject(
                IP_ADDRESS,
                address.id(),
                String.valueOf(address.address()),
                link(address.displayUrl(), address.url()));
    }

    /** A subnet that comes from our own settings, named by its property. */
    public static NetBoxObject setting(String property, String value) {
        return new NetBoxObject(SETTING, 0, value, property);
    }

    private static String link(String displayUrl, String url) {
        return displayUrl != null && !displayUrl.isBlank() ? displayUrl : url;
    }

    @Override
    public String toString() {
        if (SETTING.equals(type)) {
            return "setting " + url + " (" + display + ")";
        }
        return type + " " + id + " " + display + " (" + url + ")";
    }
}
