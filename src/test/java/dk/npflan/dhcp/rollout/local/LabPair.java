package dk.npflan.dhcp.rollout.local;

import dk.npflan.dhcp.config.BundleFiles;
import dk.npflan.dhcp.config.Ipv4Address;
import dk.npflan.dhcp.config.Ipv4Network;
import dk.npflan.dhcp.config.PeerRole;
import dk.npflan.dhcp.config.RenderedConfig;
import dk.npflan.dhcp.rollout.ClientLoad;
import dk.npflan.dhcp.rollout.PeerState;
import java.net.SocketException;
import java.time.Duration;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A small real dhcpd pair for the pair tests: 20 /24 pools and a client subnet behind this process
 * as relay, the agents' short probe cache, MCLT 30 s; started, on its first bundle and normal. Each
 * {@link #bundle} generation differs (the default lease time), so every rollout is a real change.
 */
final class LabPair implements AutoCloseable {

    static final int POOLS = 20;
    static final Duration PAIR_UP = Duration.ofSeconds(120);
    private static final Duration AGENT_START = Duration.ofSeconds(60);

    /** A probe lease cached 0.5 s, not 2 s: a gate sees a restarted peer's readiness sooner. */
    private static final Map<String, String> AGENT_SETTINGS =
            Map.of(
                    "netbox-dhcpd.agent.ready-cache", "PT0.5S",
                    "netbox-dhcpd.agent.probe-timeout", "PT1S");

    private final LocalPair pair;
    private final LocalTarget target;
    private final Ipv4Address relay;
    private final PairBundles bundles;
    private final Ipv4Network clients;

    private LabPair(LocalPair pair, Ipv4Network clients) {
        this.pair = pair;
        this.target = new LocalTarget(pair, 5, BundleFiles.NAMES);
        this.relay = pair.addRelay(clients);
        this.bundles = new PairBundles(pair);
        this.clients = clients;
    }

    /** Builds the pair on {@code lan} (namespaces named {@code prefix…}), publishes, waits. */
    static LabPair start(String prefix, Ipv4Network lan, Ipv4Network probe, Ipv4Network clients) {
        LocalPair pair =
                LocalPair.create(
                        new LocalPair.Layout(
                                prefix,
                                lan,
                                probe,
                                AGENT_SETTINGS,
                                LocalPair.Layout.AGENT_JVM,
                                AGENT_START));
        try {
            LabPair lab = new LabPair(pair, clients);
            lab.target.publish(lab.bundle(0, Map.of()), ZeroOutageScenario.metadata("first"));
            pair.startAgents();
            pair.awaitNormal(PAIR_UP);
            // what the first rollout's compare would adopt: the rollback target from the start
            lab.target.recordLastGood(lab.target.published().orElseThrow());
            return lab;
        } catch (RuntimeException e) {
            System.err.println(pair.logs());
            pair.close();
            throw e;
        }
    }

    /** The pools and the client subnet; {@code overrides} on top of the pair's settings. */
    RenderedConfig bundle(int generation, Map<String, String> overrides) {
        Map<String, String> settings = new HashMap<>();
        settings.put("netbox-dhcpd.config.failover.mclt", "30");
        settings.put(
                "netbox-dhcpd.config.global.default-lease-time", "PT" + (3600 + generation) + "S");
        settings.putAll(overrides);
        return bundles.bundle(POOLS, List.of(clients), settings);
    }

    /** New and rebooting clients through the relay to both peers, one exchange every 200 ms. */
    ClientLoad load() throws SocketException {
        return ClientLoad.start(
                relay,
                List.of(pair.address(PeerRole.PRIMARY), pair.address(PeerRole.SECONDARY)),
                ZeroOutageScenario.INTERVAL,
                ZeroOutageScenario.DEADLINE);
    }

    /** How often each agent has restarted its dhcpd so far. */
    Map<PeerRole, Integer> restarts() {
        Map<PeerRole, Integer> restarts = new EnumMap<>(PeerRole.class);
        for (PeerRole role : PeerRole.values()) {
            restarts.put(role, state(role).restarts());
        }
        return restarts;
    }

    PeerState state(PeerRole role) {
        return pair.agent(role).state();
    }

    LocalPair pair() {
        return pair;
    }

    LocalTarget target() {
        return target;
    }

    @Override
    public void close() {
        pair.close();
    }
}
