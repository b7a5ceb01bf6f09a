package dk.npflan.dhcp.dhcpd;

import dk.npflan.dhcp.config.Ipv4Address;
import dk.npflan.dhcp.config.Ipv4Network;
import dk.npflan.dhcp.omapi.FailoverStatus;
import dk.npflan.dhcp.omapi.OmapiClient;
import dk.npflan.dhcp.omapi.OmapiException;
import dk.npflan.dhcp.omapi.OmapiKeyFileParser;
import dk.npflan.dhcp.omapi.OmapiTimeouts;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * A real dhcpd failover pair on this machine: primary and secondary, each a {@link
 * DhcpdSupervisor}ed process in its own network namespace, joined by a bridge in a third namespace,
 * with failover, OMAPI and a probe subnet. The root namespace gets one veth leg on the bridge
 * (198.18.77.254) because the JVM cannot enter a namespace: that is how tests reach OMAPI and act
 * as a relay. All names start with {@code nbd-pair-}; stale ones from an interrupted run are
 * removed at creation, and {@link #close()} (also run by a shutdown hook) stops both dhcpd and
 * deletes namespaces, veths and files.
 *
 * <p>Addresses (RFC 2544 benchmark range, never routed): LAN 198.18.77.0/24 with primary .1,
 * secondary .2, host .254; probe subnet 198.18.78.0/27.
 */
public final class FailoverPairLab implements AutoCloseable {

    public static final String PREFIX = "nbd-pair-";
    public static final String PEER_NAME = "failover-partner";
    public static final String KEY_NAME = "nbd_pair_omapi";
    public static final int OMAPI_PORT = 7911;
    public static final Ipv4Network LAN = Ipv4Network.of("198.18.77.0/24");
    public static final Ipv4Network PROBE_SUBNET = Ipv4Network.of("198.18.78.0/27");
    public static final Ipv4Address HOST_ADDRESS = LAN.host(254);
    private static final String LAN_NETNS = PREFIX + "lan";
    private static final String BRIDGE = PREFIX + "br";
    private static final String HOST_VETH = PREFIX + "h";
    private static final OmapiTimeouts OMAPI_TIMEOUTS =
            new OmapiTimeouts(Duration.ofSeconds(1), Duration.ofSeconds(2));

    /** Which side of the pair. */
    public enum Role {
        PRIMARY("p", 1),
        SECONDARY("s", 2);

        private final String tag;
        private final int host;

        Role(String tag, int host) {
            this.tag = tag;
            this.host = host;
        }

        public String netns() {
            return PREFIX + tag;
        }

        /** The interface name inside the peer's namespace (and its bridge leg is this + "b"). */
        public String interfaceName() {
            return PREFIX + tag;
        }

        public Ipv4Address address() {
            return LAN.host(host);
        }

        public Role partner() {
            return this == PRIMARY ? SECONDARY : PRIMARY;
        }
    }

    /** One running side: its files and its supervisor. */
    public record Peer(Role role, Path dir, Path leaseFile, DhcpdSupervisor supervisor) {}

    private final Path root;
    private final Path keyFile;
    private final Map<Role, Peer> peers = new EnumMap<>(Role.class);
    private final Thread cleanupHook = new Thread(this::cleanUp, PREFIX + "cleanup");
    private boolean closed;

    private FailoverPairLab(Path root) {
        this.root = root;
        this.keyFile = root.resolve("omapi.key");
    }

    /**
     * Builds network and files and creates both supervisors, without starting dhcpd.
     *
     * @param mcltSeconds the primary's mclt; keep it short (e.g. 60) in tests
     */
    public static FailoverPairLab create(int mcltSeconds) throws IOException {
        removeStale();
        FailoverPairLab lab = new FailoverPairLab(Files.createTempDirectory(PREFIX));
        Runtime.getRuntime().addShutdownHook(lab.cleanupHook);
        try {
            lab.createNetwork();
            lab.writeFiles(mcltSeconds);
        } catch (IOException | RuntimeException e) {
            lab.close();
            throw e;
        }
        return lab;
    }

    /**
     * Creates, then starts both peers (secondary first) and returns without waiting for failover.
     */
    public static FailoverPairLab start(int mcltSeconds) throws IOException {
        FailoverPairLab lab = create(mcltSeconds);
        for (Role role : List.of(Role.SECONDARY, Role.PRIMARY)) {
            StartOutcome outcome = lab.start(role);
            if (!(outcome instanceof StartOutcome.Started)) {
                lab.close();
                throw new IllegalStateException(role + " did not start: " + outcome);
            }
        }
        return lab;
    }

    public Peer peer(Role role) {
        return peers.get(role);
    }

    public StartOutcome start(Role role) {
        return peers.get(role).supervisor().start();
    }

    public void stop(Role role) {
        peers.get(role).supervisor().stop();
    }

    public Path keyFile() {
        return keyFile;
    }

    /** Reads the failover state of {@code role}'s dhcpd over OMAPI (B1's client). */
    public FailoverStatus omapi(Role role) throws OmapiException {
        return OmapiClient.readFailoverState(
                role.address().toString(),
                OMAPI_PORT,
                OmapiKeyFileParser.read(keyFile),
                OMAPI_TIMEOUTS,
                PEER_NAME);
    }

    /** Like {@link #omapi} but empty while dhcpd does not answer (down, starting). */
    public Optional<FailoverStatus> omapiIfUp(Role role) {
        try {
            return Optional.of(omapi(role));
        } catch (OmapiException e) {
            return Optional.empty();
        }
    }

    /**
     * Runs the operator command {@code probe --netns <peer ns> --interface <if> --probe-subnet …}
     * as its own JVM, exactly as an operator or a readiness check would.
     */
    public HostCommand probeCommand(Role role) {
        String java = ProcessHandle.current().info().command().orElse("java");
        return HostCommand.run(
                List.of(
                        java,
                        "-cp",
                        System.getProperty("java.class.path"),
                        "dk.npflan.dhcp.Main",
                        "probe",
                        "--netns",
                        role.netns(),
                        "--interface",
                        role.interfaceName(),
                        "--probe-subnet",
                        PROBE_SUBNET.toString()),
                60);
    }

    /** Everything both dhcpd logged that is still kept, for failure messages. */
    public String logs() {
        StringBuilder out = new StringBuilder();
        peers.values()
                .forEach(
                        p ->
                                out.append("--- ")
                                        .append(p.role())
                                        .append('\n')
                                        .append(String.join("\n", p.supervisor().logLines()))
                                        .append('\n'));
        return out.toString();
    }

    @Override
    public void close() {
        cleanUp();
        try {
            Runtime.getRuntime().removeShutdownHook(cleanupHook);
        } catch (IllegalStateException e) {
            // JVM already shutting down: the hook does the same clean-up
        }
    }

    private void createNetwork() {
        HostCommand.require("ip", "netns", "add", LAN_NETNS);
        HostCommand.require("ip", "-n", LAN_NETNS, "link", "add", BRIDGE, "type", "bridge");
        HostCommand.require("ip", "-n", LAN_NETNS, "link", "set", BRIDGE, "up");
        for (Role role : Role.values()) {
            HostCommand.require("ip", "netns", "add", role.netns());
            HostCommand.require("ip", "-n", role.netns(), "link", "set", "lo", "up");
            attach(role.interfaceName(), role.netns(), role.address());
        }
        attach(HOST_VETH, null, HOST_ADDRESS);
    }

    /**
     * A veth whose one end is {@code name} (in {@code netns}, or the root namespace) and other is
     * on the bridge.
     */
    private static void attach(String name, String netns, Ipv4Address address) {
        String bridgeLeg = name + "b";
        HostCommand.require("ip", "link", "add", name, "type", "veth", "peer", "name", bridgeLeg);
        HostCommand.require("ip", "link", "set", bridgeLeg, "netns", LAN_NETNS);
        HostCommand.require("ip", "-n", LAN_NETNS, "link", "set", bridgeLeg, "master", BRIDGE);
        HostCommand.require("ip", "-n", LAN_NETNS, "link", "set", bridgeLeg, "up");
        List<String> in = new ArrayList<>(List.of("ip"));
        if (netns != null) {
            HostCommand.require("ip", "link", "set", name, "netns", netns);
            in.addAll(List.of("-n", netns));
        }
        List<String> addAddress = new ArrayList<>(in);
        addAddress.addAll(
                List.of(
                        "addr",
                        "add",
                        address.toString() + "/" + LAN.length(),
                        "brd",
                        "+",
                        "dev",
                        name));
        HostCommand.require(addAddress.toArray(String[]::new));
        List<String> up = new ArrayList<>(in);
        up.addAll(List.of("link", "set", name, "up"));
        HostCommand.require(up.toArray(String[]::new));
    }

    private void writeFiles(int mcltSeconds) throws IOException {
        byte[] raw = new byte[32];
        new SecureRandom().nextBytes(raw);
        String secret = Base64.getEncoder().encodeToString(raw);
        Files.writeString(
                keyFile,
                "key "
                        + KEY_NAME
                        + " {\n  algorithm hmac-md5;\n  secret \""
                        + secret
                        + "\";\n};\n");
        PairLabConfig.Values values =
                new PairLabConfig.Values(
                        PEER_NAME,
                        KEY_NAME,
                        keyFile,
                        OMAPI_PORT,
                        mcltSeconds,
                        LAN,
                        PROBE_SUBNET,
                        Role.PRIMARY.address(),
                        Role.SECONDARY.address());
        for (Role role : Role.values()) {
            Path dir =
                    Files.createDirectories(
                            root.resolve(role.name().toLowerCase(java.util.Locale.ROOT)));
            PairLabConfig.write(dir, values, role == Role.PRIMARY);
            Path leases = dir.resolve("dhcpd.leases");
            DhcpdInvocation invocation =
                    new DhcpdInvocation(
                            "/usr/sbin/dhcpd",
                            dir.resolve(DhcpdInvocation.CONFIG_FILE_NAME),
                            leases,
                            Optional.of(role.interfaceName()),
                            Optional.of(role.netns()),
                            "ip");
            DhcpdSupervisor supervisor =
                    new DhcpdSupervisor(
                            invocation,
                            new DhcpdConfigChecker("/usr/sbin/dhcpd", Duration.ofSeconds(30)),
                            Duration.ofSeconds(5),
                            2000,
                            Clock.systemUTC());
            peers.put(role, new Peer(role, dir, leases, supervisor));
        }
    }

    private synchronized void cleanUp() {
        if (closed) {
            return;
        }
        closed = true;
        peers.values().forEach(p -> p.supervisor().stop());
        removeNetwork();
        deleteTree(root);
    }

    /**
     * Kills whatever still runs in {@code nbd-pair-*} namespaces from an interrupted run, then
     * deletes them and such a run's temp directory.
     */
    static void removeStale() {
        for (String line : HostCommand.run("ip", "netns", "list").output().split("\n")) {
            String name = line.split(" ")[0];
            if (name.startsWith(PREFIX)) {
                for (String pid :
                        HostCommand.run("ip", "netns", "pids", name).output().split("\\s+")) {
                    if (pid.matches("\\d+")) {
                        ProcessHandle.of(Long.parseLong(pid))
                                .ifPresent(ProcessHandle::destroyForcibly);
                    }
                }
                HostCommand.run("ip", "netns", "del", name);
            }
        }
        HostCommand.run("ip", "link", "del", HOST_VETH);
        try (Stream<Path> dirs = Files.list(Path.of(System.getProperty("java.io.tmpdir")))) {
            dirs.filter(dir -> dir.getFileName().toString().startsWith(PREFIX))
                    .forEach(FailoverPairLab::deleteTree);
        } catch (IOException e) {
            // stale temp files only
        }
    }

    private static void deleteTree(Path root) {
        try (Stream<Path> files = Files.walk(root)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            // temp files only; nothing else to do
        }
    }

    private static void removeNetwork() {
        for (String netns : List.of(Role.PRIMARY.netns(), Role.SECONDARY.netns(), LAN_NETNS)) {
            HostCommand.run("ip", "netns", "del", netns);
        }
        HostCommand.run("ip", "link", "del", HOST_VETH);
    }
}
