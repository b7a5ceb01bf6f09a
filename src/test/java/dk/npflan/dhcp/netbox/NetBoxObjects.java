package dk.npflan.dhcp.netbox;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;

/**
 * Builds NetBox prefix and IP range objects in the full REST shape for tests that need many rows
 * (paging), so that fixture files stay small and readable.
 */
public final class NetBoxObjects {

    private static final ObjectMapper JSON = new ObjectMapper();

    private NetBoxObjects() {}

    /**
     * An active IPv4 /24 prefix {@code 10.<id/256>.<id%256>.0/24} in VRF 2 with the given tag
     * slugs.
     */
    public static ObjectNode prefix(long id, String... tags) {
        ObjectNode p = JSON.createObjectNode();
        p.put("id", id);
        p.put("url", "http://netbox-internal.invalid:8000/api/ipam/prefixes/" + id + "/");
        p.put("display_url", "http://netbox-internal.invalid:8000/ipam/prefixes/" + id + "/");
        p.putObject("family").put("value", 4).put("label", "IPv4");
        p.put("prefix", "10." + (id / 256 % 256) + "." + (id % 256) + ".0/24");
        p.putObject("vrf").put("id", 2).put("name", "CORP").put("rd", "65000:100");
        p.putObject("status").put("value", "active").put("label", "Active");
        p.putObject("role").put("id", 3).put("name", "Access").put("slug", "access");
        p.put("description", "prefix " + id);
        var tagArray = p.putArray("tags");
        for (String tag : tags) {
            tagArray.addObject()
                    .put("id", tag.hashCode() & 0xffff)
                    .put("name", tag)
                    .put("slug", tag)
                    .put("color", "4caf50");
        }
        p.putObject("custom_fields").put("dhcp_enabled", true).putNull("dhcp_routers");
        return p;
    }

    /** {@code count} prefixes with ids 1..count, all tagged {@code dhcp}. */
    public static List<ObjectNode> taggedPrefixes(int count) {
        List<ObjectNode> out = new ArrayList<>();
        for (long id = 1; id <= count; id++) {
            out.add(prefix(id, "dhcp"));
        }
        return out;
    }

    /** An active range {@code .100-.199} inside {@link #prefix(long, String...)} of the same id. */
    public static ObjectNode range(long id) {
        ObjectNode r = JSON.createObjectNode();
        String net = "10." + (id / 256 % 256) + "." + (id % 256) + ".";
        r.put("id", id);
        r.putObject("family").put("value", 4).put("label", "IPv4");
        r.put("start_address", net + "100/24");
        r.put("end_address", net + "199/24");
        r.putObject("vrf").put("id", 2).put("name", "CORP").put("rd", "65000:100");
        r.putObject("status").put("value", "active").put("label", "Active");
        r.putObject("role").put("id", 5).put("name", "DHCP Pool").put("slug", "dhcp-pool");
        r.putArray("tags");
        r.putObject("custom_fields");
        return r;
    }

    /**
     * A {@code dhcp} IP address {@code .<host>} inside {@link #prefix(long, String...)} {@code
     * prefixId}, in VRF 2, assigned to device interface {@code id} (see {@link #deviceInterface}).
     */
    public static ObjectNode ipAddress(long id, long prefixId, int host) {
        ObjectNode a = JSON.createObjectNode();
        a.put("id", id);
        a.put("url", "http://netbox-internal.invalid:8000/api/ipam/ip-addresses/" + id + "/");
        a.putObject("family").put("value", 4).put("label", "IPv4");
        a.put(
                "address",
                "10." + (prefixId / 256 % 256) + "." + (prefixId % 256) + "." + host + "/24");
        a.putObject("vrf").put("id", 2).put("name", "CORP").put("rd", "65000:100");
        a.putObject("status").put("value", "dhcp").put("label", "DHCP");
        a.put("assigned_object_type", "dcim.interface");
        a.put("assigned_object_id", id);
        a.put("dns_name", "host" + id + ".example.net");
        a.putObject("custom_fields").putNull("dhcp_reservation_mac");
        return a;
    }

    /** A device interface in NetBox 4.2+ shape whose primary MAC is derived from its id. */
    public static ObjectNode deviceInterface(long id) {
        String mac =
                String.format(
                        "52:54:%02X:%02X:%02X:%02X",
                        (id >> 24) & 0xff, (id >> 16) & 0xff, (id >> 8) & 0xff, id & 0xff);
        ObjectNode i = JSON.createObjectNode();
        i.put("id", id);
        i.put("url", "http://netbox-internal.invalid:8000/api/dcim/interfaces/" + id + "/");
        i.put("name", "eth0");
        i.put("mac_address", mac);
        i.putObject("primary_mac_address").put("id", id).put("mac_address", mac);
        return i;
    }
}
