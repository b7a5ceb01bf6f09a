package dk.npflan.dhcp.rollout.local;

import dk.npflan.dhcp.config.Ipv4Address;
import dk.npflan.dhcp.config.Ipv4Network;
import dk.npflan.dhcp.config.PeerRole;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.jboss.logging.Logger;

/**
 * A client network in front of a {@link LocalPair}, so that any DHCP client on this machine gets a
 * lease from the pair the way a client behind a router does: namespace {@value #CLIENT_NETNS} with
 * interface {@value #CLIENT_INTERFACE}, a veth to a relay namespace ({@code <prefix>relay}) that is
 * on the pair's LAN at {@code .3}, and the real ISC {@code dhcrelay} in that namespace forwarding
 * to both peers with the client subnet's {@code .1} as giaddr. The relay namespace also routes, so
 * renewals and releases (unicast from the client to a peer) get through too.
 *
 * <p>{@code ip netns exec} bind-mounts every {@code /etc/netns/nbd-client/<entry>} over {@code
 * /etc/<entry>} for what it starts, and that is how the host is kept out of a {@code dhclient} run
 * there: Debian's {@code dhclient-script} writes the DNS servers of the lease into {@code
 * /etc/resolv.conf} (through {@code cat >}, so a bind mount holds), and runs the host's hooks in
 * {@code /etc/dhcp/dhclient-*-hooks.d} (timesyncd writes {@code /run/systemd/timesyncd.conf.d} and
 * restarts timesyncd, and on a release deletes the host's own entry). So the namespace gets an
 * empty {@code resolv.conf} and an {@code /etc/dhcp} of its own with a {@code dhclient.conf} and no
 * hooks; its {@code dhclient.conf} does not request a host name, because {@code dhclient-script}
 * sets the (not namespaced) host name from one.
 *
 * <p>{@link #create} first removes what an interrupted run left ({@value #CLIENT_NETNS} is one
 * fixed name; the relay namespace and links carry the pair's prefix); {@link #close}, also a
 * shutdown hook, stops the relay and whatever runs in {@value #CLIENT_NETNS} (a user's {@code
 * dhclient}) and deletes the namespaces, links, routes and {@code /etc/netns} entry. Made in a run
 * directory ({@link #create(PairNetwork, Ipv4Network, Path)}) it records the relay's PID there, and
 * a process started after this one was killed can {@link #adopt} it: the relay, {@value
 * #CLIENT_NETNS} and whatever runs in it (a user's {@code dhclient}) stay as they are. Needs root,
 * iproute2 and {@code dhcrelay} (package {@code isc-dhcp-relay}).
 */
public final class ClientNetwork implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(ClientNetwork.class);
    private static final Path NETNS_ETC = Path.of("/etc/netns");

    /** The client namespace: the name the README's {@code ip netns exec} command uses. */
    public static final String CLIENT_NETNS = "nbd-client";

    public static final String CLIENT_INTERFACE = "eth0";

    /** The relay's host number on the pair's LAN (the peers are .1 and .2, this process .254). */
    private static final int RELAY_HOST = 3;

    /** In the network's root: the relay's PID, for the next process to adopt it. */
    private static final String PIDS_FILE = "pids.properties";

    private static final Duration RELAY_START_TIMEOUT = Duration.ofSeconds(10);

    /** dhcrelay exits at once on SIGTERM. */
    private static final Duration RELAY_STOP_GRACE = Duration.ofSeconds(5);

    /** What dhcrelay prints once every socket is open (after the per-interface lines). */
    private static final String RELAY_READY = "Sending on   Socket/fallback";

    /**
     * The namespace's {@code /etc/dhcp/dhclient.conf}: Debian's request list without {@code
     * host-name} (and the options only hooks use), and a host name that says where a lease came
     * from.
     */
    private static final String DHCLIENT_CONF =
            """
            # nbd-client's own /etc/dhcp (netbox-dhcpd; ip netns exec mounts it over the host's):
            # no hooks, and no host-name requested, so a lease here never touches the host.
            send host-name "nbd-client";
            request subnet-mask, broadcast-address, time-offset, routers,
                    domain-name, domain-name-servers, domain-search, interface-mtu;
            """;

    private final PairNetwork pair;
    private final Ipv4Network clientSubnet;
    private final Path root;
    private final ShutdownCleanup cleanup;
    private Process relay;

    /** The running relay: {@link #relay}'s, or the one an earlier process started. */
    private ProcessHandle relayProcess;

    private ClientNetwork(PairNetwork pair, Ipv4Network clientSubnet, Path root) {
        this.pair = pair;
        this.clientSubnet = clientSubnet;
        this.root = root;
        this.cleanup = new ShutdownCleanup(CLIENT_NETNS + "-cleanup", this::cleanUp);
    }

    /**
     * Builds the client network in front of {@code pair} (whose namespaces must exist) and starts
     * dhcrelay; returns once dhcrelay listens, or fails saying why (with its log).
     */
    public static ClientNetwork create(PairNetwork pair, Ipv4Network clientSubnet) {
        return create(pair, clientSubnet, null);
    }

    /**
     * {@link #create(PairNetwork, Ipv4Network)} with the relay's files in {@code root} (made
     * afresh, owner-only) instead of a temp directory, and its PID recorded there for {@link
     * #adopt}.
     */
    public static ClientNetwork create(PairNetwork pair, Ipv4Network clientSubnet, Path root) {
        if ((pair.prefix() + "rb").length() > 15) {
            throw new IllegalArgumentException(
                    "prefix " + pair.prefix() + " too long for interface names (at most 13 chars)");
        }
        LocalPairPrerequisites.requireDhcrelay();
        removeStale(pair);
        ClientNetwork network;
        try {
            Path dir = root == null ? Files.createTempDirectory(relayNetns(pair) + "-") : root;
            if (root != null) {
                PairNetwork.deleteTree(root);
                RunFiles.createDirectory(root);
            }
            network = new ClientNetwork(pair, clientSubnet, dir);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the relay's temp directory", e);
        }
        network.cleanup.register();
        try {
            network.build();
            network.startRelay();
            RunFiles.writePids(
                    network.root.resolve(PIDS_FILE), Map.of("relay", network.relay.pid()));
        } catch (RuntimeException e) {
            network.close();
            throw e;
        }
        return network;
    }

    /**
     * The client network an earlier process made in {@code root} in front of {@code pair}, if its
     * relay still runs and both namespaces exist; then this process takes it over as it is ({@link
     * #close} removes it as if this process had made it). Otherwise nothing is changed.
     */
    public static Optional<ClientNetwork> adopt(
            PairNetwork pair, Ipv4Network clientSubnet, Path root) {
        Optional<ProcessHandle> relay =
                RunFiles.running(RunFiles.readPids(root.resolve(PIDS_FILE)), "relay");
        List<String> namespaces =
                HostCommand.run("ip", "netns", "list")
                        .output()
                        .lines()
                        .map(line -> line.split(" ")[0])
                        .toList();
        if (relay.isEmpty()
                || !namespaces.contains(CLIENT_NETNS)
                || !namespaces.contains(relayNetns(pair))) {
            return Optional.empty();
        }
        ClientNetwork network = new ClientNetwork(pair, clientSubnet, root);
        network.relayProcess = relay.get();
        network.cleanup.register();
        LOG.infof(
                "adopted the client network left running: dhcrelay (pid %d) in %s, %s and what runs"
                        + " in it kept",
                relay.get().pid(), relayNetns(pair), CLIENT_NETNS);
        return Optional.of(network);
    }

    private void build() {
        String relayNs = relayNetns();
        HostCommand.require("ip", "netns", "add", relayNs);
        HostCommand.require("ip", "-n", relayNs, "link", "set", "lo", "up");
        // renewals and releases are unicast from the client to a peer: the relay routes them
        HostCommand.require(
                "ip",
                "netns",
                "exec",
                relayNs,
                "sh",
                "-c",
                "echo 1 > /proc/sys/net/ipv4/ip_forward");
        pair.attachNamespace(relayNs, relayLanInterface(), relayLanAddress());

        HostCommand.require("ip", "netns", "add", CLIENT_NETNS);
        HostCommand.require("ip", "-n", CLIENT_NETNS, "link", "set", "lo", "up");
        // made inside the namespaces: the root namespace may have an eth0 of its own
        HostCommand.require(
                "ip",
                "-n",
                CLIENT_NETNS,
                "link",
                "add",
                CLIENT_INTERFACE,
                "type",
                "veth",
                "peer",
                "name",
                relayClientInterface(),
                "netns",
                relayNs);
        HostCommand.require(
                "ip",
                "-n",
                relayNs,
                "addr",
                "add",
                relayAddress() + "/" + clientSubnet.length(),
                "brd",
                "+",
                "dev",
                relayClientInterface());
        HostCommand.require("ip", "-n", relayNs, "link", "set", relayClientInterface(), "up");
        HostCommand.require("ip", "-n", CLIENT_NETNS, "link", "set", CLIENT_INTERFACE, "up");
        for (PeerRole role : PeerRole.values()) {
            HostCommand.require(
                    "ip",
                    "-n",
                    pair.netns(role),
                    "route",
                    "replace",
                    clientSubnet.toString(),
                    "via",
                    relayLanAddress().toString());
        }
        try {
            Path etc = NETNS_ETC.resolve(CLIENT_NETNS);
            Files.createDirectories(etc.resolve("dhcp"));
            Files.write(etc.resolve("resolv.conf"), new byte[0]);
            Files.writeString(etc.resolve("dhcp/dhclient.conf"), DHCLIENT_CONF);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write /etc/netns/" + CLIENT_NETNS, e);
        }
    }

    private void startRelay() {
        List<String> command =
                List.of(
                        "ip",
                        "netns",
                        "exec",
                        relayNetns(),
                        "dhcrelay",
                        "-4",
                        "-d",
                        "--no-pid",
                        "-id",
                        relayClientInterface(),
                        "-iu",
                        relayLanInterface(),
                        pair.address(PeerRole.PRIMARY).toString(),
                        pair.address(PeerRole.SECONDARY).toString());
        try {
            relay =
                    new ProcessBuilder(command)
                            .redirectErrorStream(true)
                            .redirectOutput(relayLog().toFile())
                            .start();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start dhcrelay", e);
        }
        relayProcess = relay.toHandle();
        Instant until = Instant.now().plus(RELAY_START_TIMEOUT);
        while (Instant.now().isBefore(until)) {
            String log = readLog();
            if (log.contains(RELAY_READY)) {
                LOG.infof(
                        "dhcrelay (pid %d) in %s relays %s (giaddr %s) to %s and %s; a lease: ip"
                                + " netns exec %s dhclient -1 -v %s",
                        relay.pid(),
                        relayNetns(),
                        clientSubnet,
                        relayAddress(),
                        pair.address(PeerRole.PRIMARY),
                        pair.address(PeerRole.SECONDARY),
                        CLIENT_NETNS,
                        CLIENT_INTERFACE);
                return;
            }
            if (!relay.isAlive()) {
                throw new IllegalStateException(
                        "dhcrelay exited with " + relay.exitValue() + "; its log: " + log);
            }
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted waiting for dhcrelay", e);
            }
        }
        throw new IllegalStateException(
                "dhcrelay not listening within " + RELAY_START_TIMEOUT + "; its log: " + readLog());
    }

    private String readLog() {
        try {
            return Files.readString(relayLog());
        } catch (IOException e) {
            return "(unreadable: " + e + ")";
        }
    }

    /** {@value #CLIENT_NETNS}. */
    public String clientNetns() {
        return CLIENT_NETNS;
    }

    /** {@value #CLIENT_INTERFACE}, in {@link #clientNetns}. */
    public String clientInterface() {
        return CLIENT_INTERFACE;
    }

    /** The relay's namespace, {@code <prefix>relay}. */
    public String relayNetns() {
        return relayNetns(pair);
    }

    /**
     * The relay's address in the client subnet ({@code .1}): the giaddr and the clients' router.
     */
    public Ipv4Address relayAddress() {
        return clientSubnet.host(1);
    }

    /** The relay's address on the pair's LAN, where both peers route the client subnet. */
    public Ipv4Address relayLanAddress() {
        return pair.lan().host(RELAY_HOST);
    }

    public Ipv4Network clientSubnet() {
        return clientSubnet;
    }

    /** dhcrelay's output (deleted with the network on {@link #close}). */
    public Path relayLog() {
        return root.resolve("dhcrelay.log");
    }

    private String relayLanInterface() {
        return pair.prefix() + "r";
    }

    private String relayClientInterface() {
        return pair.prefix() + "c";
    }

    private static String relayNetns(PairNetwork pair) {
        return pair.prefix() + "relay";
    }

    /**
     * Stops dhcrelay and what runs in the client namespace, and deletes what {@link #create} made.
     */
    @Override
    public void close() {
        cleanup.close();
    }

    private synchronized void cleanUp() {
        if (relayProcess != null) {
            ChildProcess.stopAllHandles(List.of(relayProcess), RELAY_STOP_GRACE);
        }
        for (PeerRole role : PeerRole.values()) {
            HostCommand.run(
                    "ip",
                    "-n",
                    pair.netns(role),
                    "route",
                    "del",
                    clientSubnet.toString(),
                    "via",
                    relayLanAddress().toString());
        }
        removeStale(pair); // also deletes this run's temp directory
        PairNetwork.deleteTree(root);
    }

    /**
     * Kills what runs in the client and relay namespaces and deletes them, a root-namespace half of
     * the relay's LAN veth, the client's {@code /etc/netns} entry and the relay's temp directories.
     */
    private static void removeStale(PairNetwork pair) {
        for (String netns : List.of(CLIENT_NETNS, relayNetns(pair))) {
            PairNetwork.killProcessesIn(netns);
        }
        // Deleting one end of a veth removes both ends at once. A deleted namespace frees the ends
        // it holds only once the kernel destroys it, which a process still exiting there delays,
        // and the relay's LAN end has its peer on the pair's bridge.
        for (String link : List.of(pair.prefix() + "r", pair.prefix() + "c")) {
            HostCommand.run("ip", "-n", relayNetns(pair), "link", "del", link);
        }
        for (String netns : List.of(CLIENT_NETNS, relayNetns(pair))) {
            HostCommand.run("ip", "netns", "del", netns);
        }
        // attach makes the veth in the root namespace before it moves it
        HostCommand.run("ip", "link", "del", pair.prefix() + "r");
        PairNetwork.deleteTree(NETNS_ETC.resolve(CLIENT_NETNS));
        HostCommand.run("rmdir", NETNS_ETC.toString()); // only when empty
        String tempPrefix = relayNetns(pair) + "-";
        try (Stream<Path> dirs = Files.list(Path.of(System.getProperty("java.io.tmpdir")))) {
            dirs.filter(dir -> dir.getFileName().toString().startsWith(tempPrefix))
                    .forEach(PairNetwork::deleteTree);
        } catch (IOException e) {
            // stale temp files only
        }
    }
}
