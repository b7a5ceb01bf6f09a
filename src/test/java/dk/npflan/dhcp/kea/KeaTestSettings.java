package dk.npflan.dhcp.kea;

import dk.npflan.dhcp.CommandConfiguration;
import dk.npflan.dhcp.config.ServerModel;
import dk.npflan.dhcp.config.Subnet;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * The Kea settings for tests, read by the commands' loader from an empty environment (so an
 * exported {@code NETBOX_DHCPD_KEA_*} cannot change a result), and small model edits.
 */
final class KeaTestSettings {

    private KeaTestSettings() {}

    static KeaSettings kea() {
        return kea(Map.of());
    }

    static KeaSettings kea(Map<String, String> overrides) {
        return CommandConfiguration.load(Map.of(), overrides, KeaSettings.class)
                .getConfigMapping(KeaSettings.class);
    }

    static KeaConfigChecker checker(Path tempRoot) {
        return new KeaConfigChecker(kea().binary(), Duration.ofSeconds(60), tempRoot);
    }

    /** {@code model} with other NetBox subnets (the checks are bypassed on purpose). */
    static ServerModel withSubnets(ServerModel model, List<Subnet> subnets) {
        return new ServerModel(
                model.global(),
                model.authoritative(),
                model.pingCheck(),
                model.omapiPort(),
                model.omapiKeyName(),
                model.omapiKeyInclude(),
                model.failoverInclude(),
                model.serverNetwork(),
                model.probe(),
                subnets,
                model.failover());
    }
}
