package dk.npflan.dhcp.pipeline;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dk.npflan.dhcp.netbox.FakeNetBox;
import dk.npflan.dhcp.netbox.NetBoxObjects;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Starts a {@link FakeNetBox} with {@link #INITIAL_PREFIXES} tagged prefixes (each with a pool)
 * before the app, so the startup resync already reads it, and points the app at it.
 */
public class FakeNetBoxResource implements QuarkusTestResourceLifecycleManager {

    public static final int INITIAL_PREFIXES = 10;
    static final String TOKEN = "0123456789abcdef0123456789abcdef01234567";
    private static volatile FakeNetBox netbox;

    public static FakeNetBox netbox() {
        return netbox;
    }

    @Override
    public Map<String, String> start() {
        List<ObjectNode> ranges = new ArrayList<>();
        for (long id = 1; id <= INITIAL_PREFIXES; id++) {
            ranges.add(NetBoxObjects.range(id));
        }
        netbox = FakeNetBox.start(TOKEN, NetBoxObjects.taggedPrefixes(INITIAL_PREFIXES), ranges);
        return Map.of(
                "netbox-dhcpd.netbox.url",
                netbox.baseUrl().toString(),
                "netbox-dhcpd.netbox.token",
                TOKEN);
    }

    @Override
    public void stop() {
        if (netbox != null) {
            netbox.close();
        }
    }
}
