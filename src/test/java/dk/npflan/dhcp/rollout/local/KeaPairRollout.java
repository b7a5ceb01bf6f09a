package dk.npflan.dhcp.rollout.local;

import static org.assertj.core.api.Assertions.assertThat;

import dk.npflan.dhcp.config.Ipv4Address;
import dk.npflan.dhcp.config.Ipv4Network;
import dk.npflan.dhcp.config.PeerRole;
import dk.npflan.dhcp.config.RenderedConfig;
import dk.npflan.dhcp.kea.HaMode;
import dk.npflan.dhcp.peer.HealthReading;
import dk.npflan.dhcp.rollout.AuditRecord;
import dk.npflan.dhcp.rollout.ClientLoad;
import dk.npflan.dhcp.rollout.InProcessRolloutLock;
import dk.npflan.dhcp.rollout.PeerState;
import dk.npflan.dhcp.rollout.PublishedBundle;
import dk.npflan.dhcp.rollout.Roller;
import dk.npflan.dhcp.rollout.RolloutReport;
import dk.npflan.dhcp.rollout.RolloutStatus;
import dk.npflan.dhcp.rollout.RolloutStep;
import dk.npflan.dhcp.rollout.StepReport;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * The local pair running Kea ({@link PairServer#KEA}: kea-dhcp4 and kea-ctrl-agent per peer under
 * the Kea agent, each peer with its own {@code /run/kea} and {@code /var/lib/kea}) in one HA mode,
 * rolled by the real {@link Roller}: a change rolled out to the second server first, then the
 * primary, while clients (this process as their relay agent, one exchange every 200 ms, with fresh
 * random MACs, so they hash to both scopes) ask the pair the whole time, must fail no exchange, and
 * a real {@code dhclient} behind the real {@code dhcrelay} keeps its address. Before the rollout
 * the peers that serve a scope in the mode answer, and only they: the primary in hot-standby, both
 * in load-balancing. One subclass per mode; run under the lab lock.
 */
@Tag("netns")
@Tag("kea")
@Tag("slow")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
abstract class KeaPairRollout {

    private static final Ipv4Network LAN = Ipv4Network.of("198.18.102.0/24");
    private static final Ipv4Network PROBE = Ipv4Network.of("198.18.103.0/27");
    private static final Ipv4Network LOAD = Ipv4Network.of("198.18.104.0/24");
    private static final Ipv4Network DHCLIENT = Ipv4Network.of("198.18.105.0/24");
    private static final Ipv4Network ADDED = Ipv4Network.of("198.18.106.0/24");
    private static final Pattern BOUND = Pattern.compile("bound to (\\d+\\.\\d+\\.\\d+\\.\\d+)");
    private static final int POOLS = 200;

    private final HaMode mode;
    LocalPair pair;
    LocalTarget target;
    private ClientNetwork clients;
    private PairBundles bundles;
    private Ipv4Address relay;
    @TempDir Path dhclientFiles;
    private final List<AuditRecord> audit = new CopyOnWriteArrayList<>();

    KeaPairRollout(HaMode mode) {
        this.mode = mode;
    }

    /** The lab's pair: short probe cache and timeout, so the gates see a change at once. */
    private static LocalPair.Layout layout() {
        Map<String, String> agent =
                Map.of(
                        "netbox-dhcpd.agent.ready-cache", "PT0.5S",
                        "netbox-dhcpd.agent.probe-timeout", "PT1S");
        return new LocalPair.Layout(
                "kea-pair-",
                LAN,
                PROBE,
                agent,
                LocalPair.Layout.AGENT_JVM,
                Duration.ofSeconds(60),
                PairServer.KEA);
    }

    @BeforeAll
    void startKeaPair() {
        pair = LocalPair.create(layout());
        bundles = new PairBundles(pair);
        target = new LocalTarget(pair, 5, List.copyOf(bundle(false, Map.of()).files().keySet()));
        relay = pair.addRelay(LOAD);
        PublishedBundle first =
                target.publish(bundle(false, Map.of()), ZeroOutageScenario.metadata("first"));
        target.recordLastGood(first);
        try {
            pair.startAgents();
            pair.awaitNormal(Duration.ofSeconds(120));
            clients = ClientNetwork.create(pair.network(), DHCLIENT);
        } catch (RuntimeException e) {
            System.err.println(pair.logs());
            throw e; // @AfterAll removes the pair
        }
    }

    @AfterAll
    void removeEverything() {
        for (AutoCloseable made : new AutoCloseable[] {clients, pair}) {
            try {
                if (made != null) {
                    made.close();
                }
            } catch (Exception e) {
                System.err.println("clean-up: " + e);
            }
        }
    }

    @Test
    @Order(1)
    void
            changeRolledOutSecondServerThenPrimary_underClientLoad_failsNoExchange_leaseKept_normalAgain()
                    throws Exception {
        Ipv4Address before = dhclientLease();
        String hashBefore = target.published().orElseThrow().hash();
        RenderedConfig next = bundle(true, Map.of());

        ClientLoad load =
                ClientLoad.start(
                        relay,
                        List.of(pair.address(PeerRole.PRIMARY), pair.address(PeerRole.SECONDARY)),
                        Duration.ofMillis(200),
                        Duration.ofSeconds(10));
        RolloutReport report;
        ClientLoad.Summary summary;
        long rollStarted;
        try {
            Thread.sleep(3_000);
            rollStarted = System.nanoTime();
            report = roller().roll(next, ZeroOutageScenario.metadata("add " + ADDED));
            pair.awaitNormal(Duration.ofSeconds(60));
            Thread.sleep(3_000);
            summary = load.stop();
        } finally {
            load.close();
        }

        System.out.println(report.summary());
        System.out.println("client load: " + summary);
        summary.failures().forEach(f -> System.out.println("FAILED " + f));
        assertThat(report.status()).as(report.summary()).isEqualTo(RolloutStatus.COMPLETED);
        assertThat(report.hash()).isNotEqualTo(hashBefore).isEqualTo(next.sha256());
        StepReport standby = ZeroOutageScenario.step(report, RolloutStep.RESTART_SECONDARY);
        StepReport primary = ZeroOutageScenario.step(report, RolloutStep.RESTART_PRIMARY);
        assertThat(standby.startedAt().plus(standby.took())).isBefore(primary.startedAt());
        assertThat(summary.total()).isGreaterThan(20);
        assertThat(summary.failures()).isEmpty();
        assertThat(answeredBefore(summary, rollStarted).keySet())
                .as("who answered before the rollout, in " + mode.keaName())
                .containsExactlyInAnyOrderElementsOf(scopeServers());
        assertThat(dhclientLease()).as("the lease from before, asked for again").isEqualTo(before);
        for (PeerRole role : PeerRole.values()) {
            PeerState state = pair.agent(role).state();
            assertThat(state.runningHash()).contains(next.sha256());
            assertThat(state.localHealth().map(HealthReading::raw)).contains(mode.keaName());
            assertThat(state.partnerHealth().map(HealthReading::raw)).contains(mode.keaName());
        }
    }

    /** The pair's addresses that answer clients while it is normal in this mode. */
    private List<Ipv4Address> scopeServers() {
        return (mode == HaMode.LOAD_BALANCING
                        ? List.of(PeerRole.PRIMARY, PeerRole.SECONDARY)
                        : List.of(PeerRole.PRIMARY))
                .stream().map(pair::address).toList();
    }

    /** Who acknowledged the exchanges that ended before {@code nanos}. */
    private static Map<Ipv4Address, Long> answeredBefore(ClientLoad.Summary summary, long nanos) {
        return new ClientLoad.Summary(
                        summary.exchanges().stream()
                                .filter(
                                        e ->
                                                e.took()
                                                        .map(t -> e.startedNanos() + t.toNanos())
                                                        .filter(end -> end < nanos)
                                                        .isPresent())
                                .toList())
                .answeredBy();
    }

    /** The bundle in this class's HA mode, with {@code overrides} on top. */
    RenderedConfig bundle(boolean withAdded, Map<String, String> overrides) {
        List<Ipv4Network> subnets =
                withAdded ? List.of(LOAD, DHCLIENT, ADDED) : List.of(LOAD, DHCLIENT);
        Map<String, String> settings = new HashMap<>(overrides);
        settings.putIfAbsent("netbox-dhcpd.kea.ha.mode", mode.keaName());
        return bundles.bundle(POOLS, subnets, settings);
    }

    Roller roller() {
        return new Roller(
                target,
                new InProcessRolloutLock(),
                audit::add,
                ZeroOutageScenario.settings(Duration.ofSeconds(60)));
    }

    /**
     * {@code dhclient -1} in nbd-client (its lease file kept between runs, so a second run asks for
     * the address it had: INIT-REBOOT), then {@code -x}: stopped without a release.
     */
    private Ipv4Address dhclientLease() {
        HostCommand run = HostCommand.run(dhclient("-1", "-v"), 60);
        HostCommand.run(dhclient("-x"), 30);
        assertThat(run.exitCode()).as(run.output()).isZero();
        Matcher bound = BOUND.matcher(run.output());
        assertThat(bound.find()).as(run.output()).isTrue();
        return Ipv4Address.parse(bound.group(1)).orElseThrow();
    }

    private List<String> dhclient(String... options) {
        String files = dhclientFiles + "/dhclient.";
        String run = "ip netns exec " + ClientNetwork.CLIENT_NETNS + " dhclient ";
        return List.of(
                (run
                                + String.join(" ", options)
                                + " -pf "
                                + files
                                + "pid -lf "
                                + files
                                + "leases "
                                + ClientNetwork.CLIENT_INTERFACE)
                        .split(" "));
    }
}
