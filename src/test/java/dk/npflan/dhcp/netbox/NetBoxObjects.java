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
}
