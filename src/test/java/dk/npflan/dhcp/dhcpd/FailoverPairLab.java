package dk.npflan.dhcp.dhcpd;

import dk.npflan.dhcp.config.Ipv4Address;
import dk.npflan.dhcp.config.Ipv4Network;
import dk.npflan.dhcp.omapi.FailoverStatus;
import dk.npflan.dhcp.omapi.OmapiClient;
import dk.npflan.dhcp.omapi.OmapiException;
import dk.npflan.dhcp.omapi.OmapiKeyFileParser;
import dk.npflan.dhcp.omapi.OmapiTimeouts;
import dk.npflan.dhcp.rollout.local.ShutdownCleanup;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

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
    private static final LabNetwork NETWORK = new LabNetwork(PREFIX, LAN);
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
            return NETWORK.netns(this);
        }

        /** Short name of the side, the end of its namespace and interface names. */
        public String tag() {
            return tag;
        }

        /** Host number of the side's address on the lab LAN. */
        public int host() {
            return host;
        }

        /** The interface name inside the peer's namespace (and its bridge leg is this + "b"). */
        public String interfaceName() {
            return NETWORK.interfaceName(this);
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
    private final ShutdownCleanup cleanup = new ShutdownCleanup(PREFIX + "cleanup", this::cleanUp);

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
        lab.cleanup.register();
        try {
            NETWORK.create();
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
        cleanup.close();
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
        peers.values().forEach(p -> p.supervisor().stop());
        NETWORK.remove();
        LabNetwork.deleteTree(root);
    }

    static void removeStale() {
        NETWORK.removeStale();
    }
}
