package dk.npflan.dhcp.agent;

import dk.npflan.dhcp.config.BundleFiles;
import dk.npflan.dhcp.config.DhcpdSettings;
import dk.npflan.dhcp.config.Ipv4Address;
import dk.npflan.dhcp.config.Ipv4Network;
import dk.npflan.dhcp.dhcpd.DhcpdConfigChecker;
import dk.npflan.dhcp.dhcpd.DhcpdInvocation;
import dk.npflan.dhcp.dhcpd.DhcpdProcessSettings;
import dk.npflan.dhcp.dhcpd.DhcpdSupervisor;
import dk.npflan.dhcp.dhcpd.DhcpdSyntaxChecker;
import dk.npflan.dhcp.omapi.OmapiKey;
import dk.npflan.dhcp.omapi.OmapiKeyFileParser;
import dk.npflan.dhcp.omapi.OmapiSettings;
import dk.npflan.dhcp.probe.DhcpProbe;
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
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.CountDownLatch;
import org.jboss.logging.Logger;

/**
 * {@code netbox-dhcpd agent}: the main process of the dhcpd container. Plain Java like the other
 * commands (no Quarkus, no Kafka): it supervises dhcpd ({@link DhcpdWatchdog}), proves readiness
 * with a real DHCP exchange, reads the failover state over OMAPI and serves the agent API ({@link
 * AgentHttpApi}) until SIGTERM, when it stops dhcpd and exits.
 */
public final class AgentLauncher {

    private static final Logger LOG = Logger.getLogger(AgentLauncher.class);
    private static final Logger DHCPD_LOG = Logger.getLogger("dhcpd");

    private AgentLauncher() {}

    /** The settings areas the agent reads; the {@code agent} command loads them. */
    public static final List<Class<?>> SETTINGS =
            List.of(
                    AgentSettings.class,
                    DhcpdProcessSettings.class,
                    DhcpdSettings.class,
                    OmapiSettings.class);

    /** Starts the agent and blocks until the JVM shuts down; returns 1 when it cannot start. */
    public static int run(AgentConfig config, PrintWriter err) {
        Agent agent;
        try {
            agent = Agent.start(config, Clock.systemUTC());
        } catch (IOException e) {
            err.println("netbox-dhcpd agent: cannot start: " + e.getMessage());
            return 1;
        }
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime()
                .addShutdownHook(
                        new Thread(
                                () -> {
                                    LOG.info("shutting down: stopping dhcpd");
                                    agent.close();
                                    stopped.countDown();
                                },
                                "agent-shutdown"));
        try {
            stopped.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return 0;
    }

    /**
     * The loaded and validated settings of every area the agent reads.
     *
     * @param agent {@code netbox-dhcpd.agent.*}
     * @param process {@code netbox-dhcpd.dhcpd.*}
     * @param rendering {@code netbox-dhcpd.config.*} (include paths, probe subnet, peer name)
     * @param omapi {@code netbox-dhcpd.omapi.*} (key file, port)
     * @param serverIdentifier the role's {@code server-identifier} setting: what the probe expects
     *     in option 54 instead of the interface address
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
            Optional<Ipv4Address> serverIdentifier) {

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
            List<String> problems = new ArrayList<>();
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
            if (!Path.of(process.configDir()).equals(agent.runDir())) {
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
            if (keyFile.isEmpty()) {
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
            if (process.netns().isPresent()) {
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
                    keyFile.get(),
                    agent.tokenFile().get(),
                    probeInterface.get(),
                    probeSubnet,
                    serverIdentifier);
        }
    }

    /** The running agent: its parts, wired. */
    public record Agent(
            DhcpdWatchdog watchdog, AgentHttpApi api, AgentMetrics metrics, LeaseMetricsHook leases)
            implements AutoCloseable {

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
            String keyName = config.rendering().omapi().keyName();
            DhcpdWatchdog.KeySource keys =
                    () -> {
                        OmapiKey parsed = OmapiKeyFileParser.read(config.keyFile());
                        redactor.add(parsed);
                        // dhcpd.conf says omapi-key <keyName>: the key include uses that name
                        return new OmapiKey(keyName, parsed.algorithm(), parsed.secret());
                    };
            DhcpdProcessSettings process = config.process();
            DhcpdInvocation invocation =
                    new DhcpdInvocation(
                            process.binary(),
                            config.runDirectory().configFile(),
                            Path.of(process.leaseFile()),
                            process.interfaceName(),
                            Optional.empty(),
                            process.ipBinary());
            DhcpdSupervisor supervisor =
                    new DhcpdSupervisor(
                            invocation,
                            DhcpdConfigChecker.from(process),
                            process.stopTimeout(),
                            process.logLinesKept(),
                            clock);
            supervisor.onLogLine(line -> DHCPD_LOG.info(redactor.redact(line)));
            AgentSettings agent = config.agent();
            DhcpdWatchdog watchdog =
                    new DhcpdWatchdog(
                            supervisor,
                            config.runDirectory(),
                            agent.role(),
                            agent.configDir(),
                            keys,
                            keyName,
                            config.policy(),
                            redactor,
                            clock);
            FailoverReader failover =
                    new FailoverReader(
                            agent.omapiHost(),
                            config.omapi().port(),
                            keys,
                            config.omapi().omapiTimeouts(),
                            config.rendering().failover().peerName(),
                            redactor,
                            clock);
            AgentMetrics metrics =
                    new AgentMetrics(
                            watchdog::status,
                            failover::read,
                            failover.peerName(),
                            () -> mountedMatchesRunning(agent.configDir(), watchdog));
            CachedReadiness readiness =
                    new CachedReadiness(
                            () ->
                                    DhcpProbe.local(
                                            config.probeInterface(),
                                            config.probeSubnet(),
                                            agent.probeTimeout(),
                                            config.serverIdentifier()),
                            agent.readyCache(),
                            clock,
                            metrics::recordProbe,
                            () -> watchdog.status().startedAt());
            LeaseMetricsHook leases =
                    LeaseMetricsHook.start(
                            Path.of(process.leaseFile()), agent.leaseMetrics(), metrics, clock);
            watchdog.onStart(leases::runs);
            PartnerAddressCache partnerAddress =
                    new PartnerAddressCache(
                            agent.role(), HostResolver.getent(Duration.ofSeconds(2)), clock);
            watchdog.onStart(partnerAddress::started);
            DhcpdSyntaxChecker checker = DhcpdSyntaxChecker.from(config.rendering(), process);
            RestartRequestHandler restarts =
                    new RestartRequestHandler(
                            watchdog,
                            checker,
                            agent.configDir(),
                            agent.role(),
                            agent.startTimeout(),
                            readiness::invalidate);
            LOG.infof(
                    "agent %s (%s): bundle %s, run dir %s, lease file %s, API on %s:%d",
                    version(),
                    agent.role().keyword(),
                    agent.configDir(),
                    agent.runDir(),
                    process.leaseFile(),
                    agent.bindAddress(),
                    agent.port());
            watchdog.begin();
            AgentHttpApi api;
            try {
                api =
                        AgentHttpApi.start(
                                new InetSocketAddress(agent.bindAddress(), agent.port()),
                                new AgentParts(
                                        agent.role(),
                                        version(),
                                        agent.configDir(),
                                        watchdog,
                                        readiness,
                                        failover,
                                        restarts,
                                        partnerAddress,
                                        token,
                                        metrics,
                                        redactor));
            } catch (IOException e) {
                watchdog.close();
                leases.close();
                throw e;
            }
            return new Agent(watchdog, api, metrics, leases);
        }

        @Override
        public void close() {
            api.close();
            watchdog.close();
            leases.close();
        }

        private static boolean mountedMatchesRunning(Path configDir, DhcpdWatchdog watchdog) {
            try {
                return BundleFiles.read(configDir)
                        .map(b -> watchdog.status().runningHash().equals(Optional.of(b.sha256())))
                        .orElse(false);
            } catch (RuntimeException e) {
                return false;
            }
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
