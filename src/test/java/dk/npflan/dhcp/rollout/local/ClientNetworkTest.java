package dk.npflan.dhcp.rollout.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dk.npflan.dhcp.TestSettings;
import dk.npflan.dhcp.config.BundleFiles;
import dk.npflan.dhcp.config.Ipv4Address;
import dk.npflan.dhcp.config.Ipv4Network;
import dk.npflan.dhcp.config.PeerRole;
import dk.npflan.dhcp.config.RenderedConfig;
import dk.npflan.dhcp.netbox.Choice;
import dk.npflan.dhcp.netbox.Prefix;
import dk.npflan.dhcp.netbox.Ref;
import dk.npflan.dhcp.netbox.Vrf;
import dk.npflan.dhcp.rollout.PublishMetadata;
import dk.npflan.dhcp.validate.ConfigBuild;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * A real {@code dhclient} in {@code nbd-client} gets a lease from a real local pair through the
 * real {@code dhcrelay}, with Debian's own {@code dhclient-script} configuring the address, and the
 * host's {@code /etc/resolv.conf} stays as it was. Ordered: the last scenario stops a peer, and
 * {@code close} is checked at the end. Its own prefix and addresses ({@code nbd-cnt-},
 * 198.18.96–98.x), so it never meets another lab; run under the lab lock.
 */
@Tag("netns")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@Tag("slow")
class ClientNetworkTest {

    private static final Ipv4Network LAN = Ipv4Network.of("198.18.96.0/24");
    private static final Ipv4Network PROBE = Ipv4Network.of("198.18.97.0/27");
    private static final Ipv4Network CLIENTS = Ipv4Network.of("198.18.98.0/24");
    private static final Path HOST_RESOLV_CONF = Path.of("/etc/resolv.conf");
    private static final Pattern BOUND = Pattern.compile("bound to (198\\.18\\.98\\.\\d+)");
    private static final Duration DHCLIENT_TIMEOUT = Duration.ofSeconds(90);

    private LocalPair pair;
    private ClientNetwork clients;
    private Path dhclientFiles;
    private byte[] hostResolvConf;
    private String hostname;
    private final Map<PeerRole, Path> agentLogs = new EnumMap<>(PeerRole.class);

    @BeforeAll
    void startPairAndClientNetwork() throws IOException {
        hostResolvConf = Files.readAllBytes(HOST_RESOLV_CONF);
        hostname = HostCommand.require("hostname");
        pair =
                LocalPair.create(
                        new LocalPair.Layout(
                                "nbd-cnt-",
                                LAN,
                                PROBE,
                                Map.of(
                                        "netbox-dhcpd.agent.ready-cache", "PT0.5S",
                                        "netbox-dhcpd.agent.probe-timeout", "PT1S"),
                                LocalPair.Layout.AGENT_JVM,
                                Duration.ofSeconds(60)));
        try {
            new LocalTarget(pair, 5, BundleFiles.NAMES)
                    .publish(bundle(), new PublishMetadata(Instant.now(), List.of("client net")));
            pair.startAgents();
            pair.awaitNormal(Duration.ofSeconds(120));
            for (PeerRole role : PeerRole.values()) {
                agentLogs.put(role, pair.agentProcess(role).orElseThrow().log());
            }
            long started = System.nanoTime();
            clients = ClientNetwork.create(pair.network(), CLIENTS);
            System.out.printf(
                    "client network created in %d ms%n", (System.nanoTime() - started) / 1_000_000);
            dhclientFiles = Files.createTempDirectory("nbd-cnt-dhclient-");
        } catch (RuntimeException e) {
            System.err.println(pair.logs());
            pair.close();
            throw e;
        }
    }

    @AfterAll
    void closeEverything() {
        if (clients != null) {
            System.out.println("--- dhcrelay\n" + relayLog());
            clients.close();
        }
        if (pair != null) {
            pair.close();
        }
        if (dhclientFiles != null) {
            PairNetwork.deleteTree(dhclientFiles);
        }
    }

    @Test
    @Order(1)
    void dhclientInNbdClient_isBoundThroughTheRelay_dnsGoesToTheNamespaceNotTheHost()
            throws IOException {
        Lease lease = dhclient();

        String addr = HostCommand.require("ip", "-n", "nbd-client", "-4", "addr", "show", "eth0");
        assertThat(addr).contains("inet " + lease.address() + "/24");
        assertThat(HostCommand.require("ip", "-n", "nbd-client", "route", "show", "default"))
                .contains("default via 198.18.98.1 dev eth0");
        assertThat(lease.ackedBy()).isPresent();
        assertThat(Files.readString(Path.of("/etc/netns/nbd-client/resolv.conf")))
                .contains("nameserver 10.96.5.1");
        assertThat(Files.readAllBytes(HOST_RESOLV_CONF)).isEqualTo(hostResolvConf);
        try (Stream<Path> etc = Files.list(Path.of("/etc"))) {
            assertThat(etc.map(p -> p.getFileName().toString()))
                    .noneMatch(name -> name.startsWith("resolv.conf.dhclient-new"));
        }
        assertThat(HostCommand.require("hostname")).isEqualTo(hostname);

        Map<PeerRole, Integer> before = logLengths();
        HostCommand release = release();

        assertThat(release.exitCode()).as(release.output()).isZero();
        assertThat(HostCommand.require("ip", "-n", "nbd-client", "-4", "addr", "show", "eth0"))
                .doesNotContain("inet ");
        // the release is unicast to the peer, so it reached it only if the relay namespace routes
        await().atMost(Duration.ofSeconds(10))
                .until(() -> newLogLines(before).contains("DHCPRELEASE of " + lease.address()));
        assertThat(Files.readAllBytes(HOST_RESOLV_CONF)).isEqualTo(hostResolvConf);
    }

    @Test
    @Order(2)
    void peerThatAnswered_stopped_theOtherPeerLeasesThroughTheRelay() throws Exception {
        PeerRole answered = dhclient().ackedBy().orElseThrow();
        assertThat(release().exitCode()).isZero();
        PeerRole other = answered == PeerRole.PRIMARY ? PeerRole.SECONDARY : PeerRole.PRIMARY;

        assertThat(pair.stopAgent(answered)).isIn(0, 143); // 143: the JVM ended by SIGTERM
        Lease lease = dhclient();

        assertThat(lease.ackedBy()).contains(other);
        assertThat(release().exitCode()).isZero();
    }

    @Test
    @Order(3)
    void close_withALeasedClientRunning_removesEverythingItMade_andIsIdempotent() {
        dhclient(); // the dhclient stays in nbd-client to renew: close must stop it
        Path log = clients.relayLog();
        System.out.println("--- dhcrelay\n" + relayLog());

        clients.close();
        clients.close();

        assertThat(HostCommand.require("ip", "netns", "list"))
                .doesNotContain("nbd-client")
                .doesNotContain("nbd-cnt-relay");
        assertThat(HostCommand.require("ip", "link")).doesNotContain("nbd-cnt-r");
        assertThat(HostCommand.require("ip", "-n", "nbd-cnt-lan", "link"))
                .doesNotContain("nbd-cnt-rb");
        for (PeerRole role : PeerRole.values()) {
            assertThat(HostCommand.require("ip", "-n", pair.network().netns(role), "route"))
                    .doesNotContain(CLIENTS.toString());
        }
        assertThat(Path.of("/etc/netns/nbd-client")).doesNotExist();
        assertThat(log).doesNotExist();
        await().atMost(Duration.ofSeconds(5))
                .until(
                        () ->
                                ProcessHandle.allProcesses()
                                        .map(p -> p.info().commandLine().orElse(""))
                                        .noneMatch(
                                                line ->
                                                        line.contains("nbd-cnt-c")
                                                                || line.contains(
                                                                        dhclientFiles.toString())));
        clients = null;
    }

    /** What one {@code dhclient -1} run got. */
    private record Lease(Ipv4Address address, String mac, Optional<PeerRole> ackedBy) {}

    /**
     * {@code dhclient -1 -v eth0} in nbd-client with Debian's dhclient-script (pid and lease file
     * in a temp dir, not the host's /run and /var/lib/dhcp); which peer's dhcpd logged the DHCPACK
     * via the relay's giaddr.
     */
    private Lease dhclient() {
        Map<PeerRole, Integer> before = logLengths();
        long started = System.nanoTime();
        HostCommand run = HostCommand.run(dhclientCommand(), DHCLIENT_TIMEOUT.toSeconds());
        long tookMs = (System.nanoTime() - started) / 1_000_000;
        System.out.printf("dhclient -1 took %d ms:%n%s%n", tookMs, run.output());
        assertThat(run.exitCode()).as(run.output()).isZero();
        Matcher bound = BOUND.matcher(run.output());
        assertThat(bound.find()).as(run.output()).isTrue();
        Ipv4Address address = Ipv4Address.parse(bound.group(1)).orElseThrow();
        assertThat(CLIENTS.contains(address)).isTrue();
        String mac = mac();
        String ack = "DHCPACK on " + address + " to " + mac;
        await().atMost(Duration.ofSeconds(10))
                .until(() -> newLogLines(before).lines().anyMatch(l -> l.contains(ack)));
        Optional<PeerRole> ackedBy = Optional.empty();
        for (PeerRole role : PeerRole.values()) {
            Optional<String> line =
                    newLines(role, before.get(role)).lines().filter(l -> l.contains(ack)).findAny();
            if (line.isPresent()) {
                // "(nbd-client)": the host name from the namespace's own dhclient.conf, so the
                // host's /etc/dhcp (and its hooks) was not what dhclient ran with
                assertThat(line.get()).contains(" (nbd-client) via 198.18.98.1");
                ackedBy = Optional.of(role);
            }
        }
        return new Lease(address, mac, ackedBy);
    }

    private HostCommand release() {
        List<String> command = new ArrayList<>(dhclientCommand());
        command.set(command.indexOf("-1"), "-r");
        return HostCommand.run(command, DHCLIENT_TIMEOUT.toSeconds());
    }

    private List<String> dhclientCommand() {
        return List.of(
                "ip",
                "netns",
                "exec",
                "nbd-client",
                "dhclient",
                "-1",
                "-v",
                "-pf",
                dhclientFiles.resolve("dhclient.pid").toString(),
                "-lf",
                dhclientFiles.resolve("dhclient.leases").toString(),
                "eth0");
    }

    private static String mac() {
        Matcher ether =
                Pattern.compile("link/ether (\\S+)")
                        .matcher(
                                HostCommand.require(
                                        "ip", "-n", "nbd-client", "link", "show", "eth0"));
        assertThat(ether.find()).isTrue();
        return ether.group(1);
    }

    private Map<PeerRole, Integer> logLengths() {
        Map<PeerRole, Integer> lengths = new EnumMap<>(PeerRole.class);
        for (PeerRole role : PeerRole.values()) {
            lengths.put(role, read(agentLogs.get(role)).length());
        }
        return lengths;
    }

    private String newLogLines(Map<PeerRole, Integer> since) {
        StringBuilder out = new StringBuilder();
        since.forEach((role, from) -> out.append(newLines(role, from)));
        return out.toString();
    }

    private String newLines(PeerRole role, int from) {
        String log = read(agentLogs.get(role));
        return log.substring(Math.min(from, log.length()));
    }

    private String relayLog() {
        return read(clients.relayLog());
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            return "";
        }
    }

    /** The client subnet alone, as a NetBox prefix tagged dhcp, rendered for this pair. */
    private RenderedConfig bundle() {
        Prefix clientSubnet =
                new Prefix(
                        1,
                        CLIENTS.toString(),
                        new Vrf(1, "VRF0", "65000:0"),
                        new Choice("active", "Active"),
                        new Ref(1, "Access", "access"),
                        List.of(new dk.npflan.dhcp.netbox.Tag(7, "dhcp", "dhcp")),
                        Map.of(),
                        "nbd-client",
                        "https://netbox.example.org/api/ipam/prefixes/1/",
                        "https://netbox.example.org/ipam/prefixes/1/");
        Map<String, String> settings = new HashMap<>(pair.configSettings());
        settings.put("netbox-dhcpd.config.failover.mclt", "30");
        ConfigBuild.Result build =
                ConfigBuild.from(List.of(clientSubnet), List.of(), TestSettings.dhcpd(settings));
        assertThat(build.isValid()).as(build.errors().toString()).isTrue();
        return build.rendered();
    }
}
