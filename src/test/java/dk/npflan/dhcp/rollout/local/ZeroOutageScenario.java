package dk.npflan.dhcp.rollout.local;

import dk.npflan.dhcp.CommandConfiguration;
import dk.npflan.dhcp.TestSettings;
import dk.npflan.dhcp.config.BundleFiles;
import dk.npflan.dhcp.config.Ipv4Address;
import dk.npflan.dhcp.config.Ipv4Network;
import dk.npflan.dhcp.config.PeerRole;
import dk.npflan.dhcp.config.RenderedConfig;
import dk.npflan.dhcp.netbox.Choice;
import dk.npflan.dhcp.netbox.Prefix;
import dk.npflan.dhcp.netbox.Ref;
import dk.npflan.dhcp.netbox.Tag;
import dk.npflan.dhcp.netbox.Vrf;
import dk.npflan.dhcp.rollout.AuditRecord;
import dk.npflan.dhcp.rollout.ClientLoad;
import dk.npflan.dhcp.rollout.InProcessRolloutLock;
import dk.npflan.dhcp.rollout.PeerState;
import dk.npflan.dhcp.rollout.PublishMetadata;
import dk.npflan.dhcp.rollout.RestartResult;
import dk.npflan.dhcp.rollout.Roller;
import dk.npflan.dhcp.rollout.RolloutReport;
import dk.npflan.dhcp.rollout.RolloutSettings;
import dk.npflan.dhcp.rollout.RolloutStep;
import dk.npflan.dhcp.rollout.StepReport;
import dk.npflan.dhcp.validate.ConfigBuild;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The zero-outage proof's set-up and its two ways of changing the config, shared by the test (CI
 * size) and the benchmark (full size): a {@link LocalPair} serving {@code pools} /24 pools plus a
 * client subnet behind this process as relay, and a client load through a change that adds a subnet
 * — either the {@link Roller}'s staggered rollout, or both agents' {@code POST /restart} at once
 * (what {@code killall dhcpd} after a ConfigMap edit amounts to).
 */
final class ZeroOutageScenario implements AutoCloseable {

    static final Ipv4Network CLIENTS = Ipv4Network.of("198.18.94.0/24");
    static final Ipv4Network ADDED = Ipv4Network.of("198.18.95.0/24");
    static final Duration INTERVAL = Duration.ofMillis(200);
    static final Duration DEADLINE = Duration.ofSeconds(10);

    /** What one change under load did. */
    record Run(
            String how,
            Optional<RolloutReport> report,
            Map<PeerRole, RestartResult> restarts,
            ClientLoad.Summary load,
            Duration took) {}

    private final int pools;
    private final int mcltSeconds;
    private final LocalPair pair;
    private final LocalTarget target;
    private final Ipv4Address relay;
    private final Ipv4Address addedRelay;
    private final List<AuditRecord> audit = new CopyOnWriteArrayList<>();
    private int generation;

    private ZeroOutageScenario(int pools, int mcltSeconds, LocalPair pair) {
        this.pools = pools;
        this.mcltSeconds = mcltSeconds;
        this.pair = pair;
        this.target = new LocalTarget(pair, 5, BundleFiles.NAMES);
        this.relay = pair.addRelay(CLIENTS);
        this.addedRelay = pair.addRelay(ADDED);
    }

    /**
     * Builds the pair, publishes the first bundle ({@code pools} + the client subnet), waits for
     * normal.
     */
    static ZeroOutageScenario start(int pools, int mcltSeconds, Duration firstSync) {
        LocalPair pair =
                LocalPair.create(
                        LocalPair.Layout.standard(
                                Map.of(
                                        "netbox-dhcpd.agent.ready-cache", "PT0.5S",
                                        "netbox-dhcpd.agent.probe-timeout", "PT1S",
                                        "netbox-dhcpd.agent.start-timeout", "PT120S")));
        try {
            ZeroOutageScenario scenario = new ZeroOutageScenario(pools, mcltSeconds, pair);
            scenario.target.publish(scenario.bundle(false), metadata("first"));
            pair.startAgents();
            pair.awaitNormal(firstSync);
            return scenario;
        } catch (RuntimeException e) {
            System.err.println(pair.logs());
            pair.close();
            throw e;
        }
    }

    /**
     * The inventory: {@code pools} /24s in 10/8, the client subnet, and {@link #ADDED} if asked.
     */
    RenderedConfig bundle(boolean withAdded) {
        List<Prefix> prefixes = new ArrayList<>();
        for (int i = 0; i < pools; i++) {
            prefixes.add(prefix(i + 1, "10." + (i / 256) + "." + (i % 256) + ".0/24"));
        }
        prefixes.add(prefix(pools + 1, CLIENTS.toString()));
        if (withAdded) {
            prefixes.add(prefix(pools + 2, ADDED.toString()));
        }
        Map<String, String> settings = new java.util.HashMap<>(pair.configSettings());
        settings.put("netbox-dhcpd.config.failover.mclt", Integer.toString(mcltSeconds));
        // each generation differs, so a second change is a real one
        settings.put(
                "netbox-dhcpd.config.global.default-lease-time", "PT" + (3600 + generation) + "S");
        ConfigBuild.Result build =
                ConfigBuild.from(prefixes, List.of(), TestSettings.dhcpd(settings));
        if (!build.isValid()) {
            throw new IllegalStateException("inventory does not validate: " + build.errors());
        }
        return build.rendered();
    }

    /** An active, dhcp-tagged access prefix as NetBox returns it. */
    static Prefix prefix(long id, String cidr) {
        return new Prefix(
                id,
                cidr,
                new Vrf(1, "VRF0", "65000:0"),
                new Choice("active", "Active"),
                new Ref(1, "Access", "access"),
                List.of(new Tag(7, "dhcp", "dhcp")),
                Map.of(),
                "pool " + id,
                "https://netbox.example.org/api/ipam/prefixes/" + id + "/",
                "https://netbox.example.org/ipam/prefixes/" + id + "/");
    }

    /** The roller's rollout of the next bundle (adds {@link #ADDED}) under the client load. */
    Run rollout(Duration settle) throws Exception {
        generation++;
        RenderedConfig next = bundle(true);
        Roller roller = new Roller(target, new InProcessRolloutLock(), audit::add, settings());
        return underLoad(
                "staggered rollout",
                settle,
                () -> {
                    RolloutReport report = roller.roll(next, metadata("add " + ADDED));
                    return new Run("staggered rollout", Optional.of(report), Map.of(), null, null);
                });
    }

    /** Publishes the next bundle, waits until both agents mount it, then restarts both at once. */
    Run restartBoth(Duration settle) throws Exception {
        generation++;
        RenderedConfig next = bundle(true);
        target.publish(next, metadata("both at once"));
        for (PeerRole role : PeerRole.values()) {
            awaitMounted(role, next.sha256());
        }
        return underLoad(
                "both restarted at once",
                settle,
                () -> {
                    Map<PeerRole, CompletableFuture<RestartResult>> calls =
                            new EnumMap<>(PeerRole.class);
                    for (PeerRole role : PeerRole.values()) {
                        calls.put(
                                role,
                                CompletableFuture.supplyAsync(
                                        () -> pair.agent(role).restart(next.sha256())));
                    }
                    Map<PeerRole, RestartResult> results = new EnumMap<>(PeerRole.class);
                    calls.forEach((role, call) -> results.put(role, call.join()));
                    return new Run("both restarted at once", Optional.empty(), results, null, null);
                });
    }

    private interface Change {
        Run run() throws Exception;
    }

    private Run underLoad(String how, Duration settle, Change change) throws Exception {
        ClientLoad load = ClientLoad.start(relay, peers(), INTERVAL, DEADLINE);
        try {
            Thread.sleep(settle.toMillis());
            Instant started = Instant.now();
            Run run = change.run();
            Duration took = Duration.between(started, Instant.now());
            pair.awaitNormal(Duration.ofSeconds(120));
            Thread.sleep(settle.toMillis());
            return new Run(how, run.report(), run.restarts(), load.stop(), took);
        } finally {
            load.close();
        }
    }

    /**
     * Clients from {@link #ADDED} (giaddr {@code .1} of it) relayed to {@code role} alone: a peer
     * that serves the new subnet ACKs them (the MACs it does not own after load-balance-max-secs).
     */
    ClientLoad.Summary servesAdded(PeerRole role, Duration duration) throws Exception {
        ClientLoad load =
                ClientLoad.start(addedRelay, List.of(pair.address(role)), INTERVAL, DEADLINE);
        try {
            Thread.sleep(duration.toMillis());
            return load.stop();
        } finally {
            load.close();
        }
    }

    private void awaitMounted(PeerRole role, String hash) {
        Instant until = Instant.now().plusSeconds(30);
        while (Instant.now().isBefore(until)) {
            PeerState state = pair.agent(role).state();
            if (state.mountedHash().equals(Optional.of(hash))) {
                return;
            }
            try {
                Thread.sleep(200);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
        throw new IllegalStateException(role + " agent never mounted " + hash);
    }

    private List<Ipv4Address> peers() {
        return List.of(pair.address(PeerRole.PRIMARY), pair.address(PeerRole.SECONDARY));
    }

    private static RolloutSettings settings() {
        return settings(Duration.ofSeconds(120));
    }

    /** The lab's rollout settings: short polls and gate hold, {@code restartDeadline} per peer. */
    static RolloutSettings settings(Duration restartDeadline) {
        return CommandConfiguration.load(
                        Map.of(
                                "netbox-dhcpd.rollout.propagation-deadline", "PT30S",
                                "netbox-dhcpd.rollout.restart-deadline", restartDeadline.toString(),
                                "netbox-dhcpd.rollout.poll-interval", "PT0.25S",
                                "netbox-dhcpd.rollout.lock-wait", "PT5S",
                                "netbox-dhcpd.rollout.gate-stable-for", "PT1S"),
                        RolloutSettings.class)
                .getConfigMapping(RolloutSettings.class);
    }

    static PublishMetadata metadata(String why) {
        return new PublishMetadata(Instant.now(), List.of(why));
    }

    /** The report's first finished {@code step}; an assertion error naming the report if none. */
    static StepReport step(RolloutReport report, RolloutStep step) {
        return report.steps().stream()
                .filter(s -> s.step() == step && s.outcome().isDone())
                .findFirst()
                .orElseThrow(() -> new AssertionError(step + " missing: " + report.summary()));
    }

    List<AuditRecord> audit() {
        return List.copyOf(audit);
    }

    LocalPair pair() {
        return pair;
    }

    LocalTarget target() {
        return target;
    }

    Ipv4Address relay() {
        return relay;
    }

    @Override
    public void close() {
        pair.close();
    }
}
