package dk.npflan.dhcp.rollout.local;

import dk.npflan.dhcp.CommandConfiguration;
import dk.npflan.dhcp.ServerBackendProducer;
import dk.npflan.dhcp.backend.BackendSettings;
import dk.npflan.dhcp.backend.ServerBackend;
import dk.npflan.dhcp.config.DhcpdSettings;
import dk.npflan.dhcp.config.Ipv4Network;
import dk.npflan.dhcp.config.RenderedConfig;
import dk.npflan.dhcp.dhcpd.DhcpdProcessSettings;
import dk.npflan.dhcp.kea.KeaSettings;
import dk.npflan.dhcp.netbox.HostInventory;
import dk.npflan.dhcp.netbox.Prefix;
import dk.npflan.dhcp.validate.ConfigBuild;
import io.smallrye.config.SmallRyeConfig;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Bundles that fit a {@link LocalPair}, rendered by the backend of its {@link PairServer} the way
 * the listener renders them: {@code pools} /24s in 10/8 plus the given subnets, with the pair's
 * {@link LocalPair#configSettings()} and whatever a test changes on top.
 */
final class PairBundles {

    private final LocalPair pair;

    PairBundles(LocalPair pair) {
        this.pair = pair;
    }

    /** {@code pools} /24s (NetBox ids 1…pools) and {@code subnets} (ids after them). */
    RenderedConfig bundle(int pools, List<Ipv4Network> subnets, Map<String, String> overrides) {
        return bundle(pools, subnets, HostInventory.empty(), overrides);
    }

    /**
     * The same with host reservations: {@code hosts} as NetBox returns the IP addresses with a
     * reservation status (their VRF that of {@link ZeroOutageScenario#prefix}).
     */
    RenderedConfig bundle(
            int pools,
            List<Ipv4Network> subnets,
            HostInventory hosts,
            Map<String, String> overrides) {
        List<Prefix> prefixes = new ArrayList<>();
        for (int i = 0; i < pools; i++) {
            prefixes.add(
                    ZeroOutageScenario.prefix(
                            i + 1, "10." + (i / 256) + "." + (i % 256) + ".0/24"));
        }
        for (int i = 0; i < subnets.size(); i++) {
            prefixes.add(ZeroOutageScenario.prefix(pools + 1 + i, subnets.get(i).toString()));
        }
        Map<String, String> settings = new HashMap<>(pair.configSettings());
        settings.put("netbox-dhcpd.backend", pair.layout().server().backend());
        settings.putAll(overrides);
        SmallRyeConfig config =
                CommandConfiguration.load(
                        settings,
                        BackendSettings.class,
                        DhcpdSettings.class,
                        DhcpdProcessSettings.class,
                        KeaSettings.class);
        DhcpdSettings dhcpd = config.getConfigMapping(DhcpdSettings.class);
        ServerBackend backend =
                ServerBackendProducer.create(
                        config.getConfigMapping(BackendSettings.class),
                        dhcpd,
                        config.getConfigMapping(DhcpdProcessSettings.class),
                        config.getConfigMapping(KeaSettings.class));
        ConfigBuild.Result build =
                ConfigBuild.from(prefixes, List.of(), hosts, dhcpd, backend::render);
        if (!build.isValid()) {
            throw new IllegalStateException("inventory does not validate: " + build.errors());
        }
        return build.rendered();
    }
}
