package dk.npflan.dhcp.config;

/**
 * The value types of the standard options we render from {@code dhcp_options}. Each value is parsed
 * into canonical items (an address, a decimal number, {@code true}/{@code false}, a checked string)
 * and re-printed by the backend: dhcpd quotes the string types, Kea gets the items comma-separated.
 */
public enum OptionType {
    IP(false, false),
    IP_LIST(true, false),
    UINT8(false, false),
    UINT16(false, false),
    UINT32(false, false),
    INT32(false, false),
    BOOL(false, false),
    TEXT(false, true),
    DOMAIN_NAME(false, true),
    DOMAIN_LIST(true, true);

    private final boolean list;
    private final boolean quotedInDhcpd;

    OptionType(boolean list, boolean quotedInDhcpd) {
        this.list = list;
        this.quotedInDhcpd = quotedInDhcpd;
    }

    /** Whether a value holds several items (a JSON array or a comma-separated string). */
    public boolean isList() {
        return list;
    }

    /** Whether dhcpd.conf takes each item as a quoted string. */
    public boolean quotedInDhcpd() {
        return quotedInDhcpd;
    }
}
