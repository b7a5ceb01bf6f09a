package dk.npflan.dhcp.agent;

import dk.npflan.dhcp.backend.BackendSettings;
import dk.npflan.dhcp.config.DhcpdSettings;
import dk.npflan.dhcp.config.Ipv4Address;
import dk.npflan.dhcp.config.Ipv4Network;
import dk.npflan.dhcp.dhcpd.DhcpdProcessSettings;
import dk.npflan.dhcp.omapi.OmapiSettings;
import io.smallrye.config.SmallRyeConfig;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.jboss.logging.Logger;

/**
 * {@code netbox-dhcpd agent}: the main process of a DHCP server's container. Plain Java like the
 * other commands (no Quarkus, no Kafka): it runs the {@link PeerServer} that {@code
 * netbox-dhcpd.backend} names (dhcpd: {@link DhcpdPeerServer}; Kea: a {@link PeerServerKind}
 * service) and serves the agent API ({@link AgentHttpApi}) until SIGTERM, when it stops the server
 * and exits.
 */
public final class AgentLauncher {

    private static final Logger LOG = Logger.getLogger(AgentLauncher.class);

    /** How long a SIGTERM during the start waits for it (Kubernetes' grace period is 30 s). */
    private static final Duration START_WAIT_ON_SHUTDOWN = Duration.ofSeconds(20);

    private AgentLauncher() {}

    /** The settings areas the agent reads; the {@code agent} command loads them. */
    public static final List<Class<?>> SETTINGS =
            PeerServerKinds.settings(
                    List.of(
                            AgentSettings.class,
                            BackendSettings.class,
                            DhcpdProcessSettings.class,
                            DhcpdSettings.class,
                            OmapiSettings.class));

    /**
     * Starts the agent and blocks until the JVM shuts down; returns 1 when it cannot start.
     *
     * <p>The shutdown hook is in place before the agent starts: a SIGTERM while the server is still
     * starting (a pod deleted during its start) waits for that start and then stops what it
     * started, instead of the JVM exiting around a dhcpd that nobody stops.
     */
    public static int run(AgentConfig config, PrintWriter err) {
        AgentConsoleLog.install();
        CompletableFuture<Agent> started = new CompletableFuture<>();
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime()
                .addShutdownHook(
                        new Thread(() -> shutDown(config, started, stopped), "agent-shutdown"));
        try {
            started.complete(Agent.start(config, Clock.systemUTC()));
        } catch (IOException e) {
            started.completeExceptionally(e);
            err.println("netbox-dhcpd agent: cannot start: " + e.getMessage());
            return 1;
        } catch (RuntimeException e) {
            started.completeExceptionally(e);
            throw e;
        }
        try {
            stopped.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return 0;
    }

    private static void shutDown(
            AgentConfig config, CompletableFuture<Agent> started, CountDownLatch stopped) {
        LOG.infof(
                "shutting down: stopping %s",
                config.kind().backend().name().toLowerCase(Locale.ROOT));
        try {
            started.get(START_WAIT_ON_SHUTDOWN.toMillis(), TimeUnit.MILLISECONDS).close();
        } catch (ExecutionException e) {
            // it never started: nothing to stop
        } catch (TimeoutException e) {
            LOG.warnf("shutting down: the start did not finish within %s", START_WAIT_ON_SHUTDOWN);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            stopped.countDown();
        }
    }

    /**
     * The loaded and validated settings of every area the agent reads.
     *
     * @param agent {@code netbox-dhcpd.agent.*}
     * @param process {@code netbox-dhcpd.dhcpd.*}
     * @param rendering {@code netbox-dhcpd.config.*} (include paths, probe subnet, peer name)
     * @param omapi {@code netbox-dhcpd.omapi.*} (key file, port)
     * @param keyFile the OMAPI key (dhcpd); the empty path for a server that has none
     * @param serverIdentifier the role's {@code server-identifier} setting: what the probe expects
     *     in option 54 instead of the interface address
     * @param kind the server the agent supervises ({@code netbox-dhcpd.backend})
     * @param settings the loaded settings, for the kind's own mappings
     */
    public record AgentConfig(
            AgentSettings agent,
            DhcpdProcessSettings process,
            DhcpdSettings rendering,
            OmapiSettings omapi,
            RunDirectory runDirectory,
            RestartPolicy policy,
            Path keyFile,
            Path tokenFile,
            String probeInterface,
            Ipv4Network probeSubnet,
            Optional<Ipv4Address> serverIdentifier,
            PeerServerKind kind,
            SmallRyeConfig settings) {

        /**
         * Checks what the mappings alone cannot (paths, files, the interface) on settings loaded
         * for {@link #SETTINGS}.
         *
         * @throws IllegalArgumentException listing every problem, one per line
         */
        public static AgentConfig from(SmallRyeConfig config) {
            AgentSettings agent = config.getConfigMapping(AgentSettings.class);
            DhcpdProcessSettings process = config.getConfigMapping(DhcpdProcessSettings.class);
            DhcpdSettings rendering = config.getConfigMapping(DhcpdSettings.class);
            OmapiSettings omapi = config.getConfigMapping(OmapiSettings.class);
            BackendSettings.Kind backend = config.getConfigMapping(BackendSettings.class).kind();
            boolean dhcpd = backend == BackendSettings.Kind.DHCPD;
            List<String> problems = new ArrayList<>();
            PeerServerKind kind = null;
            try {
                kind = PeerServerKinds.of(backend);
                problems.addAll(kind.problems(config, agent));
            } catch (IllegalArgumentException e) {
                problems.add(e.getMessage());
            }
            RunDirectory runDirectory = null;
            try {
                runDirectory =
                        new RunDirectory(
                                agent.runDir(),
                                Path.of(rendering.failoverInclude()),
                                Path.of(rendering.omapi().keyInclude()));
            } catch (IllegalArgumentException e) {
                problems.add(e.getMessage());
            }
            if (dhcpd && !Path.of(process.configDir()).equals(agent.runDir())) {
                problems.add(
                        "netbox-dhcpd.dhcpd.config-dir ("
                                + process.configDir()
                                + ") must be the agent's run directory ("
                                + agent.runDir()
                                + "): dhcpd runs the files the agent writes there");
            }
            if (agent.configDir().normalize().startsWith(agent.runDir().normalize())) {
                problems.add("netbox-dhcpd.agent.config-dir must not lie inside the run directory");
            }
            RestartPolicy policy = null;
            try {
                policy = RestartPolicy.from(agent.restartBackoff());
            } catch (IllegalArgumentException e) {
                problems.add("netbox-dhcpd.agent.restart-backoff: " + e.getMessage());
            }
            if (agent.port() < 0 || agent.port() > 65535) {
                problems.add("netbox-dhcpd.agent.port must be 0–65535, got " + agent.port());
            }
            if (agent.probeTimeout().isNegative() || agent.probeTimeout().isZero()) {
                problems.add("netbox-dhcpd.agent.probe-timeout must be positive");
            }
            if (agent.readyCache().isNegative()) {
                problems.add("netbox-dhcpd.agent.ready-cache must not be negative");
            }
            Optional<Path> keyFile = omapi.keyFile();
            if (dhcpd && keyFile.isEmpty()) {
                problems.add(
                        "netbox-dhcpd.omapi.key-file is required (the mounted OMAPI key Secret)");
            }
            if (agent.tokenFile().isEmpty()) {
                problems.add(
                        "netbox-dhcpd.agent.token-file is required (the mounted restart token)");
            }
            Optional<String> probeInterface = agent.probeInterface().or(process::interfaceName);
            if (probeInterface.isEmpty()) {
                problems.add(
                        "netbox-dhcpd.agent.probe-interface (or netbox-dhcpd.dhcpd.interface) is"
                                + " required: the readiness probe sends through it");
            }
            if (dhcpd && process.netns().isPresent()) {
                problems.add(
                        "netbox-dhcpd.dhcpd.netns must be unset: run the agent itself in dhcpd's"
                                + " namespace, the probe and OMAPI are local");
            }
            Ipv4Network probeSubnet = null;
            try {
                probeSubnet = Ipv4Network.of(rendering.probeSubnet().network());
            } catch (RuntimeException e) {
                problems.add("netbox-dhcpd.config.probe-subnet.network: " + e.getMessage());
            }
            // the probe must expect in option 54 what the role's include makes dhcpd answer with
            String identifierProperty =
                    "netbox-dhcpd.config.failover." + agent.role().keyword() + ".server-identifier";
            Optional<String> identifierText =
                    rendering.failover().of(agent.role()).serverIdentifier().map(String::strip);
            Optional<Ipv4Address> serverIdentifier = identifierText.flatMap(Ipv4Address::parse);
            if (identifierText.isPresent() && serverIdentifier.isEmpty()) {
                problems.add(identifierProperty + ": not an IPv4 address: " + identifierText.get());
            }
            if (!problems.isEmpty()) {
                throw new IllegalArgumentException(String.join("\n", problems));
            }
            return new AgentConfig(
                    agent,
                    process,
                    rendering,
                    omapi,
                    runDirectory,
                    policy,
                    keyFile.orElse(Path.of("")),
                    agent.tokenFile().get(),
                    probeInterface.get(),
                    probeSubnet,
                    serverIdentifier,
                    kind,
                    config);
        }
    }

    /** The running agent: its server and its HTTP API. */
    public record Agent(PeerServer server, AgentHttpApi api) implements AutoCloseable {

        public static Agent start(AgentConfig config, Clock clock) throws IOException {
            SecretRedactor redactor = new SecretRedactor();
            BearerToken token = new BearerToken(config.tokenFile());
            token.current()
                    .ifPresentOrElse(
                            redactor::add,
                            () ->
                                    LOG.warnf(
                                            "token file %s is missing or empty: POST /restart"
                                                    + " refuses every request",
                                            config.tokenFile()));
            PeerServer server = config.kind().create(config, redactor, clock);
            AgentSettings agent = config.agent();
            LOG.infof(
                    "agent %s (%s, %s): bundle %s, API on %s:%d",
                    version(),
                    agent.role().keyword(),
                    server.backend(),
                    agent.configDir(),
                    agent.bindAddress(),
                    agent.port());
            server.begin();
            AgentHttpApi api;
            try {
                api =
                        AgentHttpApi.start(
                                new InetSocketAddress(agent.bindAddress(), agent.port()),
                                new AgentParts(agent.role(), version(), server, token, redactor));
            } catch (IOException e) {
                server.close();
                throw e;
            }
            return new Agent(server, api);
        }

        @Override
        public void close() {
            api.close();
            server.close();
        }
    }

    /** The application version, from the build. */
    public static String version() {
        try (InputStream in =
                AgentLauncher.class.getResourceAsStream("/netbox-dhcpd-version.properties")) {
            if (in == null) {
                return "unknown";
            }
            Properties properties = new Properties();
            properties.load(in);
            String version = properties.getProperty("version", "unknown");
            return version.startsWith("${") ? "unknown" : version;
        } catch (IOException e) {
            return "unknown";
        }
    }
}
