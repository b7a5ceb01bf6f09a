package dk.npflan.dhcp.agent;

import dk.npflan.dhcp.config.BundleFiles;
import dk.npflan.dhcp.dhcpd.DhcpdConfigChecker;
import dk.npflan.dhcp.dhcpd.DhcpdInvocation;
import dk.npflan.dhcp.dhcpd.DhcpdProcessSettings;
import dk.npflan.dhcp.dhcpd.DhcpdSupervisor;
import dk.npflan.dhcp.omapi.OmapiKey;
import dk.npflan.dhcp.omapi.OmapiKeyFileParser;
import dk.npflan.dhcp.peer.AgentApi;
import dk.npflan.dhcp.probe.DhcpProbe;
import dk.npflan.dhcp.probe.ProbeOutcome;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.jboss.logging.Logger;

/**
 * ISC dhcpd as the agent's {@link PeerServer}: the watchdog that keeps it running ({@link
 * DhcpdWatchdog}), the failover state over OMAPI ({@link FailoverReader}), the probe DORA ({@link
 * CachedReadiness}), the checked stop and start of {@code POST /restart} ({@link
 * RestartRequestHandler}), the partner's address as dhcpd holds it and the lease-file pool metrics,
 * wired as they were before the seam.
 */
final class DhcpdPeerServer implements PeerServer {

    private static final Logger LOG = Logger.getLogger(DhcpdPeerServer.class);
    private static final Logger DHCPD_LOG = Logger.getLogger("dhcpd");

    /**
     * How long {@code /state} waits for dhcpd's OMAPI answer: well inside the listener's {@code
     * state-timeout} (5 s), so a dhcpd loading its leases makes the state unknown, not the agent.
     */
    static final Duration STATE_PATIENCE = Duration.ofSeconds(1);

    private final DhcpdWatchdog watchdog;
    private final FailoverReader failover;
    private final CachedReadiness readiness;
    private final RestartRequestHandler restarts;
    private final PartnerAddressCache partnerAddress;
    private final AgentMetrics metrics;
    private final LeaseMetricsHook leases;
    private final MountedHash mountedHash;
    private final Path runDir;
    private final String leaseFile;

    private DhcpdPeerServer(
            DhcpdWatchdog watchdog,
            FailoverReader failover,
            CachedReadiness readiness,
            RestartRequestHandler restarts,
            PartnerAddressCache partnerAddress,
            AgentMetrics metrics,
            LeaseMetricsHook leases,
            MountedHash mountedHash,
            AgentLauncher.AgentConfig config) {
        this.mountedHash = mountedHash;
        this.runDir = config.agent().runDir();
        this.leaseFile = config.process().leaseFile();
        this.watchdog = watchdog;
        this.failover = failover;
        this.readiness = readiness;
        this.restarts = restarts;
        this.partnerAddress = partnerAddress;
        this.metrics = metrics;
        this.leases = leases;
    }

    static DhcpdPeerServer create(
            AgentLauncher.AgentConfig config, SecretRedactor redactor, Clock clock) {
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
                        KeptBundle.of(agent, Path.of(process.leaseFile()), BundleFiles.NAMES),
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
        MountedHash mountedHash = mountedHash(agent.configDir());
        AgentMetrics metrics =
                new AgentMetrics(
                        watchdog::status,
                        failover::read,
                        failover.peerName(),
                        () -> {
                            Optional<String> mounted = mountedHash.get();
                            return mounted.isPresent()
                                    && mounted.equals(watchdog.status().runningHash());
                        });
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
        RestartRequestHandler restarts =
                new RestartRequestHandler(
                        watchdog, agent.configDir(), agent.startTimeout(), readiness::invalidate);
        return new DhcpdPeerServer(
                watchdog,
                failover,
                readiness,
                restarts,
                partnerAddress,
                metrics,
                leases,
                mountedHash,
                config);
    }

    /** The mounted bundle's hash, read again only when its files change. */
    static MountedHash mountedHash(Path configDir) {
        return new MountedHash(configDir, BundleFiles.NAMES, () -> BundleFiles.read(configDir));
    }

    @Override
    public String backend() {
        return "dhcpd";
    }

    @Override
    public void begin() {
        LOG.infof("dhcpd: run dir %s, lease file %s", runDir, leaseFile);
        watchdog.begin();
    }

    @Override
    public Optional<String> runningConfigHash() {
        return watchdog.status().runningHash();
    }

    @Override
    public Optional<String> mountedConfigHash() {
        return mountedHash.get();
    }

    @Override
    public AgentApi.Live live() {
        WatchdogStatus status = watchdog.status();
        return status.live()
                ? new AgentApi.Live(true, null)
                : new AgentApi.Live(
                        false,
                        status.lastExit()
                                .map(e -> "dhcpd down: " + e.detail())
                                .orElse("dhcpd down"));
    }

    @Override
    public AgentApi.Ready ready() {
        ProbeReading reading = readiness.read();
        String reason;
        if (reading.outcome() instanceof ProbeOutcome.Ready ready) {
            reason = "DHCPACK " + ready.lease().address() + " from " + ready.lease().serverId();
        } else {
            ProbeOutcome.NotReady notReady = (ProbeOutcome.NotReady) reading.outcome();
            FailoverReading state = failover.readWithin(STATE_PATIENCE);
            reason =
                    notReady.failure()
                            + ": "
                            + notReady.detail()
                            + state.status()
                                    .map(s -> "; failover local state " + s.local().label())
                                    .orElse("; failover state unknown");
        }
        return new AgentApi.Ready(reading.ready(), reason, AgentViews.probe(reading));
    }

    @Override
    public ServerState state() {
        WatchdogStatus status = watchdog.status();
        FailoverReading reading = failover.readWithin(STATE_PATIENCE);
        AgentApi.Dhcpd process = AgentViews.dhcpd(status);
        return new ServerState(
                status.runningHash(),
                process,
                AgentViews.pair(reading),
                readiness.peek().map(AgentViews::probe).orElse(AgentApi.Probe.NONE),
                AgentViews.failover(reading),
                partnerAddress.current().map(AgentViews::partnerAddress).orElse(null),
                List.of(
                        new AgentApi.Daemon(
                                "dhcpd", process.running(), process.pid(), process.restarts())));
    }

    @Override
    public ApplyAnswer apply(String expectedHash, boolean inPlace) throws InterruptedException {
        return inPlace ? restarts.handleInPlace(expectedHash) : restarts.handle(expectedHash);
    }

    @Override
    public String metrics() {
        return metrics.scrape();
    }

    @Override
    public void close() {
        watchdog.close();
        leases.close();
    }
}
