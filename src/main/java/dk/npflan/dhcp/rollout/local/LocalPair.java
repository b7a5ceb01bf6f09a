package dk.npflan.dhcp.rollout.local;

import dk.npflan.dhcp.config.Ipv4Address;
import dk.npflan.dhcp.config.Ipv4Network;
import dk.npflan.dhcp.config.PeerRole;
import dk.npflan.dhcp.rollout.PeerState;
import dk.npflan.dhcp.rollout.PeerUnreachableException;
import dk.npflan.dhcp.rollout.agent.AgentClient;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.jboss.logging.Logger;

/**
 * A real dhcpd failover pair on this machine, run the way the pods run it: per peer a network
 * namespace ({@link PairNetwork}) and an agent JVM as a child process ({@code ip netns exec <ns>
 * java -cp <this classpath> <the main class> agent}) that supervises dhcpd there. Per peer there is
 * a mounted bundle directory (what a ConfigMap volume is; {@link LocalTarget} publishes into it), a
 * persistent lease file, and {@code /etc/netns/<ns>/dhcp}: {@code ip netns exec} bind-mounts {@code
 * /etc/netns/<ns>/<entry>} over {@code /etc/<entry>} for the processes it starts, so that directory
 * is the peer's private {@code /etc/dhcp} — the agent's run directory — and both peers run one
 * bundle with the production include paths ({@code /etc/dhcp/failover/…}, {@code
 * /etc/dhcp/omapi/…}) and therefore one hash.
 *
 * <p>Names start with the layout's prefix; {@link #create} first removes what an interrupted run of
 * the same prefix left behind (namespaces, processes inside them, {@code /etc/netns} entries, temp
 * dirs), and {@link #close} (also a shutdown hook) removes what this one made. A pair created in a
 * run directory ({@link #create(Layout, Path)}) also records its agents' PIDs there, next to its
 * token, key, lease files and published bundles, so that a process started after this one was
 * killed can {@link #adopt} it instead: the agents and their dhcpd keep running and keep serving.
 *
 * <p>Which server the peers run is the layout's {@link PairServer}: dhcpd, or Kea (kea-dhcp4 and
 * kea-ctrl-agent, supervised by the same agent with {@code netbox-dhcpd.backend=kea}). A Kea agent
 * also gets a mount namespace of its own ({@code unshare --mount --propagation private} inside
 * {@code ip netns exec}) in which per-peer directories under the pair's root are bind-mounted on
 * {@link PairServer#privateDirs} ({@code /run/kea}, {@code /var/lib/kea}), as each pod has its own
 * filesystem. Adopting a pair left running ({@link #adopt}) is done for dhcpd only; a Kea pair is
 * rebuilt. Needs root and iproute2, and the server's binaries on the PATH.
 */
public final class LocalPair implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(LocalPair.class);
    private static final Path NETNS_ETC = Path.of("/etc/netns");

    /** The failover peer name and OMAPI key name rendered into the bundle and given the agents. */
    public static final String PEER_NAME = "failover-partner";

    public static final String KEY_NAME = "nbd_local_omapi";
    public static final int OMAPI_PORT = 7911;
    public static final int AGENT_PORT = 8067;

    /** In the pair's root: the agents' PIDs, for the next process to adopt them. */
    private static final String PIDS_FILE = "pids.properties";

    /** An agent stops its dhcpd on SIGTERM; a kubelet-like grace for that. */
    private static final Duration AGENT_STOP_GRACE = Duration.ofSeconds(20);

    /** Shorter at clean-up: whatever still runs in the namespaces is killed next anyway. */
    private static final Duration CLEANUP_STOP_GRACE = Duration.ofSeconds(10);

    /**
     * The entry point the agent JVM runs, by name only: launching a process is no dependency on the
     * root package (the package rule ignores class names in strings).
     */
    private static final String MAIN_CLASS = "dk.npflan.dhcp.Main";

    /**
     * Where the pair lives and how its agents run.
     *
     * @param prefix start of every namespace, interface and temp dir name ({@code nbd-local-})
     * @param lan the peers' subnet (primary .1, secondary .2, this process .254)
     * @param probeSubnet the agents' probe subnet (rendered into the bundle)
     * @param agentProperties more agent settings for both agents ({@code netbox-dhcpd.agent.*})
     * @param agentJvmOptions JVM options for the agent processes
     * @param startTimeout how long an agent may take to answer {@code GET /live}
     * @param server the DHCP server the peers run
     */
    public record Layout(
            String prefix,
            Ipv4Network lan,
            Ipv4Network probeSubnet,
            Map<String, String> agentProperties,
            List<String> agentJvmOptions,
            Duration startTimeout,
            PairServer server) {

        /** The JVM options bin/netbox-dhcpd gives the agent. */
        public static final List<String> AGENT_JVM =
                List.of(
                        "-XX:TieredStopAtLevel=1",
                        "-XX:+UseSerialGC",
                        "-Xmx256m",
                        "-Xss512k",
                        "-XX:ReservedCodeCacheSize=32m",
                        "-XX:MaxMetaspaceSize=96m");

        public Layout {
            agentProperties = Map.copyOf(agentProperties);
            agentJvmOptions = List.copyOf(agentJvmOptions);
        }

        /** A dhcpd pair. */
        public Layout(
                String prefix,
                Ipv4Network lan,
                Ipv4Network probeSubnet,
                Map<String, String> agentProperties,
                List<String> agentJvmOptions,
                Duration startTimeout) {
            this(
                    prefix,
                    lan,
                    probeSubnet,
                    agentProperties,
                    agentJvmOptions,
                    startTimeout,
                    PairServer.DHCPD);
        }

        /** A dhcpd pair in the {@link #standard(PairServer, Map) standard} layout. */
        public static Layout standard(Map<String, String> agentProperties) {
            return standard(PairServer.DHCPD, agentProperties);
        }

        /** {@code nbd-local-} on 198.18.92.0/24, probe subnet 198.18.93.0/27. */
        public static Layout standard(PairServer server, Map<String, String> agentProperties) {
            return new Layout(
                    "nbd-local-",
                    Ipv4Network.of("198.18.92.0/24"),
                    Ipv4Network.of("198.18.93.0/27"),
                    agentProperties,
                    AGENT_JVM,
                    Duration.ofSeconds(60),
                    server);
        }
    }

    /** One running agent JVM and its output. */
    public record AgentProcess(PeerRole role, Process process, Path log) {}

    private final Layout layout;
    private final PairNetwork network;
    private final Path root;
    private final Path keyFile;
    private final Path tokenFile;
    private final Map<PeerRole, AgentProcess> agents = new EnumMap<>(PeerRole.class);

    /** Agents an earlier process started and this one adopted (guarded by {@link #agents}). */
    private final Map<PeerRole, ProcessHandle> adoptedAgents = new EnumMap<>(PeerRole.class);

    private final Map<PeerRole, AgentClient> clients = new EnumMap<>(PeerRole.class);

    /** Where each peer is now: its LAN address until {@link #recreate} moves it. */
    private final Map<PeerRole, Ipv4Address> addresses = new EnumMap<>(PeerRole.class);

    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private final ShutdownCleanup cleanup;

    private LocalPair(Layout layout, Path root) {
        this.layout = layout;
        this.network = new PairNetwork(layout.prefix(), layout.lan());
        this.root = root;
        this.keyFile = root.resolve("secret/omapi.key");
        this.tokenFile = root.resolve("secret/token");
        this.cleanup = new ShutdownCleanup(layout.prefix() + "cleanup", this::cleanUp);
        for (PeerRole role : PeerRole.values()) {
            addresses.put(role, network.address(role));
            clients.put(
                    role,
                    new AgentClient(
                            role,
                            () -> agentUri(role),
                            Optional.of(tokenFile),
                            new AgentClient.Timeouts(
                                    Duration.ofSeconds(5), Duration.ofSeconds(180)),
                            http,
                            AgentClient.Nudge.none()));
        }
    }

    /**
     * Network, per-peer directories, OMAPI key and agent token; no agent started yet (publish the
     * first bundle into {@link #bundleDir}, e.g. through a {@link LocalTarget}, then {@link
     * #startAgents}).
     */
    public static LocalPair create(Layout layout) {
        return create(layout, null);
    }

    /**
     * {@link #create(Layout)} with everything in {@code root} (made afresh, owner-only) instead of
     * a temp directory, and the agents' PIDs recorded there for {@link #adopt}.
     */
    public static LocalPair create(Layout layout, Path root) {
        PairNetwork network = new PairNetwork(layout.prefix(), layout.lan());
        network.removeStale();
        removeEtc(network);
        LocalPair pair;
        try {
            Path dir = root == null ? Files.createTempDirectory(layout.prefix()) : root;
            if (root != null) {
                PairNetwork.deleteTree(root);
                RunFiles.createDirectory(root);
            }
            pair = new LocalPair(layout, dir);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the pair's temp directory", e);
        }
        pair.cleanup.register();
        try {
            network.create();
            RunFiles.createDirectory(pair.keyFile.getParent());
            // the Secret may name the key differently; the agent renders it under dhcpd.conf's name
            RunFiles.write(
                    pair.keyFile,
                    "key \"from-the-secret\" {\n  algorithm hmac-md5;\n  secret \""
                            + randomText(32, Base64.getEncoder())
                            + "\";\n};\n");
            RunFiles.write(pair.tokenFile, randomText(24, Base64.getUrlEncoder()) + "\n");
            for (PeerRole role : PeerRole.values()) {
                Files.createDirectories(pair.etcDhcp(role));
                Files.createDirectories(pair.bundleDir(role));
                Files.createDirectories(pair.leaseFile(role).getParent());
                for (Path dir : layout.server().privateDirs()) {
                    RunFiles.createDirectory(pair.privateDir(role, dir));
                }
            }
            pair.writeHosts();
        } catch (IOException | RuntimeException e) {
            pair.close();
            throw e instanceof IOException io ? new UncheckedIOException(io) : (RuntimeException) e;
        }
        return pair;
    }

    /**
     * The pair an earlier process created in {@code root} ({@link #create(Layout, Path)}) and left
     * running when it was killed, if it is still whole: both agents run under the recorded PIDs,
     * answer {@code GET /state} with a failover state (so OMAPI with the key in {@code root} works)
     * and accept the token in {@code root}. Then this process takes it over as it is (nothing is
     * restarted, the network is kept; {@link #close} removes it as if this process had made it);
     * otherwise it says why not and changes nothing, and {@link #create(Layout, Path)} rebuilds.
     */
    public static Optional<LocalPair> adopt(Layout layout, Path root) {
        Map<String, Long> pids = RunFiles.readPids(root.resolve(PIDS_FILE));
        if (pids.isEmpty()) {
            return Optional.empty();
        }
        if (layout.server() != PairServer.DHCPD) {
            LOG.infof(
                    "not adopting the local %s left in %s (adoption is for dhcpd pairs): building"
                            + " a new one",
                    layout.server().pairName(), root);
            return Optional.empty();
        }
        LocalPair pair = new LocalPair(layout, root);
        List<String> why = new ArrayList<>();
        if (!Files.isRegularFile(pair.tokenFile) || !Files.isRegularFile(pair.keyFile)) {
            why.add("its token or OMAPI key is gone");
        }
        for (PeerRole role : PeerRole.values()) {
            RunFiles.running(pids, agentName(role))
                    .ifPresentOrElse(
                            agent -> pair.adoptedAgents.put(role, agent),
                            () -> why.add("the " + role.keyword() + " agent is not running"));
        }
        if (why.isEmpty()) {
            for (PeerRole role : PeerRole.values()) {
                pair.answersAsOurs(role).ifPresent(why::add);
            }
        }
        if (!why.isEmpty()) {
            LOG.infof(
                    "not adopting the local failover pair left in %s (%s): building a new one",
                    root, String.join("; ", why));
            return Optional.empty();
        }
        pair.cleanup.register();
        LOG.infof(
                "adopted the local failover pair left running in %s: agents pid %d (primary) and"
                        + " %d (secondary), their dhcpd kept running",
                root,
                pair.adoptedAgents.get(PeerRole.PRIMARY).pid(),
                pair.adoptedAgents.get(PeerRole.SECONDARY).pid());
        return Optional.of(pair);
    }

    /** Why the role's agent is not one this pair can take over, if it is not. */
    private Optional<String> answersAsOurs(PeerRole role) {
        try {
            if (clients.get(role).state().localHealth().isEmpty()) {
                return Optional.of(
                        "the " + role.keyword() + " agent reads no failover state over OMAPI");
            }
            // an empty restart request: 400 once the token is accepted, 401 before; restarts
            // nothing
            HttpResponse<Void> restart =
                    http.send(
                            HttpRequest.newBuilder(agentUri(role).resolve("/restart"))
                                    .timeout(Duration.ofSeconds(5))
                                    .header(
                                            "Authorization",
                                            "Bearer " + Files.readString(tokenFile).strip())
                                    .header("Content-Type", "application/json")
                                    .POST(HttpRequest.BodyPublishers.ofString("{}"))
                                    .build(),
                            HttpResponse.BodyHandlers.discarding());
            return restart.statusCode() == 400
                    ? Optional.empty()
                    : Optional.of(
                            "the "
                                    + role.keyword()
                                    + " agent answers an authenticated request with "
                                    + restart.statusCode());
        } catch (PeerUnreachableException | IOException e) {
            return Optional.of(
                    "the " + role.keyword() + " agent does not answer: " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.of("interrupted");
        }
    }

    private static String agentName(PeerRole role) {
        return role.keyword() + "-agent";
    }

    /** Records the agents' PIDs in the pair's root, for a later {@link #adopt}. */
    private void recordPids() {
        Map<String, Long> pids = new TreeMap<>();
        synchronized (agents) {
            adoptedAgents.forEach((role, agent) -> pids.put(agentName(role), agent.pid()));
            agents.forEach((role, agent) -> pids.put(agentName(role), agent.process().pid()));
        }
        RunFiles.writePids(root.resolve(PIDS_FILE), pids);
    }

    /**
     * The settings a bundle needs to fit this pair: server network and probe subnet, and the
     * server's own ({@link PairServer}): for dhcpd failover addresses and peer name, OMAPI port and
     * key name; for Kea the HA peer URLs ({@code http://<peer address>:8000/}) and a 1 s {@code
     * heartbeat-delay}. Add the MCLT and whatever else, and render with {@code
     * validate.ConfigBuild}.
     */
    public Map<String, String> configSettings() {
        return configSettings(layout);
    }

    /**
     * {@link #configSettings()} of a pair of {@code layout}, known before it exists (the embedded
     * run sets them before the service boots).
     */
    public static Map<String, String> configSettings(Layout layout) {
        PairNetwork network = new PairNetwork(layout.prefix(), layout.lan());
        Map<String, String> settings =
                new TreeMap<>(layout.server().configSettings(network, layout));
        settings.put("netbox-dhcpd.config.probe-subnet.network", layout.probeSubnet().toString());
        settings.put("netbox-dhcpd.config.server-network.network", layout.lan().toString());
        return Map.copyOf(settings);
    }

    /** Starts both agents, secondary first, and waits until each answers {@code GET /live}. */
    public void startAgents() {
        startAgent(PeerRole.SECONDARY);
        startAgent(PeerRole.PRIMARY);
        for (PeerRole role : List.of(PeerRole.SECONDARY, PeerRole.PRIMARY)) {
            awaitLive(role);
        }
    }

    /** Starts the agent JVM for {@code role} inside its namespace (not waiting for it). */
    public AgentProcess startAgent(PeerRole role) {
        Map<String, String> properties = new TreeMap<>();
        properties.put("netbox-dhcpd.agent.role", role.name().toLowerCase(Locale.ROOT));
        properties.put("netbox-dhcpd.agent.port", Integer.toString(AGENT_PORT));
        properties.put("netbox-dhcpd.agent.config-dir", bundleDir(role).toString());
        properties.put("netbox-dhcpd.agent.token-file", tokenFile.toString());
        properties.put("netbox-dhcpd.backend", layout.server().backend());
        properties.put("netbox-dhcpd.dhcpd.interface", network.interfaceName(role));
        properties.put("netbox-dhcpd.config.probe-subnet.network", layout.probeSubnet().toString());
        properties.putAll(layout.server().agentSettings(this, role));
        properties.putAll(layout.agentProperties());
        List<String> command = new ArrayList<>(List.of("ip", "netns", "exec", network.netns(role)));
        command.addAll(privateMounts(role));
        command.addAll(
                SelfLaunch.current(MAIN_CLASS)
                        .command(layout.agentJvmOptions(), properties, List.of("agent")));
        Path log = root.resolve(PairNetwork.tag(role) + "/agent-" + System.nanoTime() + ".log");
        try {
            Files.createDirectories(log.getParent());
            Process process =
                    new ProcessBuilder(command)
                            .redirectErrorStream(true)
                            .redirectOutput(log.toFile())
                            .start();
            AgentProcess agent = new AgentProcess(role, process, log);
            synchronized (agents) {
                agents.put(role, agent);
                adoptedAgents.remove(role);
            }
            recordPids();
            LOG.infof(
                    "started the %s agent (pid %d) in %s",
                    role.keyword(), process.pid(), network.netns(role));
            return agent;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start the " + role.keyword() + " agent", e);
        }
    }

    /**
     * What goes between {@code ip netns exec <ns>} and the agent's command so that it runs in a
     * mount namespace of its own with {@code role}'s directories on the server's private paths;
     * nothing when the server has none. The paths are arguments of the shell, never part of its
     * script.
     */
    private List<String> privateMounts(PeerRole role) {
        List<Path> dirs = layout.server().privateDirs();
        if (dirs.isEmpty()) {
            return List.of();
        }
        List<String> command =
                new ArrayList<>(
                        List.of(
                                "unshare",
                                "--mount",
                                "--propagation",
                                "private",
                                "--",
                                "sh",
                                "-c",
                                "while [ \"$1\" != -- ]; do mount --bind \"$1\" \"$2\" || exit"
                                        + " 125; shift 2; done; shift; exec \"$@\"",
                                "sh"));
        for (Path dir : dirs) {
            try {
                // the mount point itself is the host's (Kea's package makes both)
                Files.createDirectories(dir);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot create the mount point " + dir, e);
            }
            command.add(privateDir(role, dir).toString());
            command.add(dir.toString());
        }
        command.add("--");
        return command;
    }

    /** SIGTERM to the agent JVM (it stops its dhcpd), as the kubelet sends it; its exit code. */
    public int stopAgent(PeerRole role) throws InterruptedException {
        AgentProcess agent;
        ProcessHandle adopted;
        synchronized (agents) {
            agent = agents.remove(role);
            adopted = adoptedAgents.remove(role);
        }
        if (adopted != null) {
            ChildProcess.stopAllHandles(List.of(adopted), AGENT_STOP_GRACE);
        }
        if (agent == null) {
            return 0;
        }
        return ChildProcess.stop(agent.process(), AGENT_STOP_GRACE);
    }

    /**
     * The peer recreated at {@code to}, as a node drain recreates its pod: its agent stopped
     * (SIGTERM, dhcpd with it), its interface moved to the new address, both peers' {@code
     * /etc/hosts} saying so (the name now resolves there, as DNS would), and its agent started
     * again there with its lease file; returns once it answers {@code GET /live}. The partner is
     * left alone: its dhcpd still holds the old address.
     */
    public void recreate(PeerRole role, Ipv4Address to) throws InterruptedException {
        stopAgent(role);
        Ipv4Address from = address(role);
        network.move(role, from, to);
        synchronized (addresses) {
            addresses.put(role, to);
        }
        writeHosts();
        LOG.infof("moved the %s from %s to %s", role.keyword(), from, to);
        startAgent(role);
        awaitLive(role);
    }

    /**
     * Rewrites both peers' {@code /etc/netns/<ns>/hosts} in place: {@code ip netns exec}
     * bind-mounted the file into every process it started, and a new file (another inode) would not
     * be seen by the ones running.
     */
    private void writeHosts() {
        String hosts =
                PairNetwork.hostsFile(
                        network, address(PeerRole.PRIMARY), address(PeerRole.SECONDARY));
        for (PeerRole role : PeerRole.values()) {
            try {
                Files.writeString(NETNS_ETC.resolve(network.netns(role)).resolve("hosts"), hosts);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot write the peers' hosts files", e);
            }
        }
    }

    /** Waits until the role's agent answers {@code GET /live} with 200, or fails saying why. */
    public void awaitLive(PeerRole role) {
        Instant until = Instant.now().plus(layout.startTimeout());
        String last = "no answer yet";
        while (Instant.now().isBefore(until)) {
            AgentProcess agent;
            synchronized (agents) {
                agent = agents.get(role);
            }
            if (agent != null && !agent.process().isAlive()) {
                throw new IllegalStateException(
                        role.keyword()
                                + " agent exited with "
                                + agent.process().exitValue()
                                + "; its log: "
                                + tail(agent.log()));
            }
            try {
                HttpResponse<String> live =
                        http.send(
                                HttpRequest.newBuilder(agentUri(role).resolve("/live"))
                                        .timeout(Duration.ofSeconds(2))
                                        .GET()
                                        .build(),
                                HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
                if (live.statusCode() == 200) {
                    return;
                }
                last = live.statusCode() + " " + live.body();
            } catch (IOException e) {
                last = e.toString();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted waiting for the agent", e);
            }
            pause(Duration.ofMillis(200));
        }
        throw new IllegalStateException(
                role.keyword() + " agent not live within " + layout.startTimeout() + ": " + last);
    }

    /**
     * Waits until both agents report both peers {@code normal} and a probe lease: the pair serves.
     */
    public void awaitNormal(Duration timeout) {
        Instant until = Instant.now().plus(timeout);
        String last = "not asked yet";
        while (Instant.now().isBefore(until)) {
            try {
                PeerState primary = clients.get(PeerRole.PRIMARY).state();
                PeerState secondary = clients.get(PeerRole.SECONDARY).state();
                if (normal(primary) && normal(secondary)) {
                    return;
                }
                last = primary + " / " + secondary;
            } catch (PeerUnreachableException e) {
                last = e.getMessage();
            }
            pause(Duration.ofMillis(250));
        }
        throw new IllegalStateException("pair not normal within " + timeout + ": " + last);
    }

    private static boolean normal(PeerState state) {
        return state.bothNormal() && state.probeReady();
    }

    /** See {@link PairNetwork#addRelay}: this process becomes a relay agent for the subnet. */
    public Ipv4Address addRelay(Ipv4Network clientSubnet) {
        return network.addRelay(clientSubnet);
    }

    /** The role's agent as a rollout peer (no nudge: publishing writes its directory directly). */
    public AgentClient agent(PeerRole role) {
        return clients.get(role);
    }

    public Optional<AgentProcess> agentProcess(PeerRole role) {
        synchronized (agents) {
            return Optional.ofNullable(agents.get(role));
        }
    }

    public URI agentUri(PeerRole role) {
        return URI.create("http://" + address(role) + ":" + AGENT_PORT);
    }

    /** Where the peer is now (its LAN address, or where {@link #recreate} moved it). */
    public Ipv4Address address(PeerRole role) {
        synchronized (addresses) {
            return addresses.get(role);
        }
    }

    public PairNetwork network() {
        return network;
    }

    public Layout layout() {
        return layout;
    }

    /** The peer's mounted bundle directory (the agent's {@code config-dir}). */
    public Path bundleDir(PeerRole role) {
        return root.resolve(PairNetwork.tag(role) + "/bundle");
    }

    /** Where {@link LocalTarget} keeps published metadata, last good and history. */
    public Path stateDir() {
        return root.resolve("rollout");
    }

    public Path leaseFile(PeerRole role) {
        return root.resolve(PairNetwork.tag(role) + "/leases/dhcpd.leases");
    }

    /**
     * Where {@code role}'s own copy of the private path {@code dir} ({@link
     * PairServer#privateDirs}, e.g. {@code /var/lib/kea}) is, as seen from here.
     */
    public Path privateDir(PeerRole role, Path dir) {
        return root.resolve(PairNetwork.tag(role) + "/private" + dir.toAbsolutePath());
    }

    Path keyFile() {
        return keyFile;
    }

    /** The peer's private {@code /etc/dhcp}: the agent's run directory as seen from here. */
    public Path etcDhcp(PeerRole role) {
        return NETNS_ETC.resolve(network.netns(role)).resolve("dhcp");
    }

    /** The agents' bearer token file (POST /restart). */
    public Path tokenFile() {
        return tokenFile;
    }

    /** Every agent log written so far (agent and dhcpd lines), for diagnostics. */
    public String logs() {
        StringBuilder out = new StringBuilder();
        try (var files = Files.walk(root)) {
            for (Path log :
                    files.filter(p -> p.getFileName().toString().startsWith("agent-")).toList()) {
                out.append("--- ").append(log).append('\n').append(Files.readString(log));
            }
        } catch (IOException e) {
            out.append("(logs unreadable: ").append(e).append(")");
        }
        return out.toString();
    }

    @Override
    public void close() {
        cleanup.close();
    }

    private synchronized void cleanUp() {
        List<ProcessHandle> running = new ArrayList<>();
        synchronized (agents) {
            agents.values().forEach(agent -> running.add(agent.process().toHandle()));
            running.addAll(adoptedAgents.values());
            agents.clear();
            adoptedAgents.clear();
        }
        ChildProcess.stopAllHandles(running, CLEANUP_STOP_GRACE);
        for (PeerRole role : PeerRole.values()) {
            PairNetwork.killProcessesIn(network.netns(role));
        }
        network.remove();
        removeEtc(network);
        PairNetwork.deleteTree(root);
    }

    private static void removeEtc(PairNetwork network) {
        for (PeerRole role : PeerRole.values()) {
            PairNetwork.deleteTree(NETNS_ETC.resolve(network.netns(role)));
        }
        HostCommand.run("rmdir", NETNS_ETC.toString()); // only when empty
    }

    private static String tail(Path log) {
        try {
            String text = Files.readString(log);
            return text.substring(Math.max(0, text.length() - 2000));
        } catch (IOException e) {
            return "(unreadable: " + e + ")";
        }
    }

    private static String randomText(int bytes, Base64.Encoder encoder) {
        byte[] raw = new byte[bytes];
        new SecureRandom().nextBytes(raw);
        return encoder.withoutPadding().encodeToString(raw);
    }

    private static void pause(Duration pause) {
        try {
            Thread.sleep(pause.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }
}
