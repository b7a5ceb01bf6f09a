package dk.npflan.dhcp.kea.agent;

import com.fasterxml.jackson.databind.JsonNode;
import dk.npflan.dhcp.agent.AgentLauncher;
import dk.npflan.dhcp.agent.AgentSettings;
import dk.npflan.dhcp.agent.ApplyAnswer;
import dk.npflan.dhcp.agent.CachedReadiness;
import dk.npflan.dhcp.agent.KeptBundle;
import dk.npflan.dhcp.agent.MountedHash;
import dk.npflan.dhcp.agent.PeerServer;
import dk.npflan.dhcp.agent.ServerState;
import dk.npflan.dhcp.config.BundleFiles;
import dk.npflan.dhcp.config.RenderedConfig;
import dk.npflan.dhcp.kea.KeaBackend;
import dk.npflan.dhcp.kea.KeaConfigChecker;
import dk.npflan.dhcp.kea.KeaSettings;
import dk.npflan.dhcp.kea.control.KeaControlClient;
import dk.npflan.dhcp.kea.control.KeaControlException;
import dk.npflan.dhcp.kea.server.KeaControlAgent;
import dk.npflan.dhcp.kea.server.KeaServer;
import dk.npflan.dhcp.kea.server.KeaVersion;
import dk.npflan.dhcp.peer.AgentApi;
import dk.npflan.dhcp.probe.DhcpProbe;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpClient;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import org.jboss.logging.Logger;

/**
 * ISC Kea as the agent's {@link PeerServer}: kea-dhcp4 (and kea-ctrl-agent on Kea before 2.7.2)
 * kept running by {@link KeaWatchdog} on this role's file of the mounted bundle, a new config
 * applied in place through {@link KeaApplyGate} (takeover by the partner, {@code config-set}, wait
 * for the pair), the pair read from {@code status-get}, readiness by {@link KeaReadiness} and the
 * subnet counts by {@link KeaAgentMetrics}.
 */
final class KeaPeerServer implements PeerServer {

    private static final Logger LOG = Logger.getLogger(KeaPeerServer.class);

    private final KeaWatchdog watchdog;
    private final KeaApplyGate gate;
    private final KeaReadiness readiness;
    private final KeaAgentMetrics metrics;
    private final KeaControlClient local;
    private final MountedHash mountedHash;
    private final Duration metricsRefresh;

    private KeaPeerServer(
            KeaWatchdog watchdog,
            KeaApplyGate gate,
            KeaReadiness readiness,
            KeaAgentMetrics metrics,
            KeaControlClient local,
            MountedHash mountedHash,
            Duration metricsRefresh) {
        this.watchdog = watchdog;
        this.gate = gate;
        this.readiness = readiness;
        this.metrics = metrics;
        this.local = local;
        this.mountedHash = mountedHash;
        this.metricsRefresh = metricsRefresh;
    }

    static KeaPeerServer create(AgentLauncher.AgentConfig config, KeaSettings kea, Clock clock)
            throws IOException {
        AgentSettings agent = config.agent();
        KeaVersion version;
        try {
            version = KeaVersion.of(Path.of(kea.binary()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while asking " + kea.binary() + " -v", e);
        }
        boolean needsAgent = version.needsControlAgent();
        Path runDir = Path.of(kea.server().runDir());
        KeaRunFiles files =
                new KeaRunFiles(
                        runDir,
                        agent.role(),
                        Path.of(kea.controlSocket()),
                        Path.of(kea.leaseFile().path()));
        KeaControlClient local = KeaControlClient.from(kea);
        KeaServer dhcp4 =
                new KeaServer(
                        Path.of(kea.binary()),
                        files.dhcp4File(),
                        kea.server().port(),
                        runDir,
                        local,
                        kea.server().startTimeout(),
                        kea.server().stopTimeout(),
                        kea.server().logLinesKept(),
                        clock);
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        List<String> fileNames = KeaBackend.from(kea).fileNames();
        Path configDir = agent.configDir();
        Supplier<Optional<RenderedConfig>> mounted = () -> mounted(configDir, fileNames);
        MountedHash mountedHash = new MountedHash(configDir, fileNames, mounted);
        KeaWatchdog watchdog =
                new KeaWatchdog(
                        dhcp4,
                        files,
                        needsAgent,
                        kea.controlAgent().httpHost(),
                        url ->
                                new KeaControlAgent(
                                        Path.of(kea.controlAgent().binary()),
                                        files.controlAgentFile(),
                                        runDir,
                                        url,
                                        http,
                                        kea.control().timeouts(),
                                        kea.controlAgent().startTimeout(),
                                        kea.server().stopTimeout(),
                                        kea.server().logLinesKept(),
                                        clock),
                        mounted,
                        config.policy(),
                        KeptBundle.of(agent, Path.of(kea.leaseFile().path()), fileNames),
                        clock);
        CachedReadiness probe =
                new CachedReadiness(
                        () ->
                                kea.socketType() == KeaSettings.SocketType.UDP
                                        ? DhcpProbe.relayedLocally(
                                                config.probeInterface(),
                                                config.probeSubnet(),
                                                agent.probeTimeout(),
                                                config.serverIdentifier(),
                                                server ->
                                                        LoadBalancing.probeMac(
                                                                server, agent.role()))
                                        : DhcpProbe.local(
                                                config.probeInterface(),
                                                config.probeSubnet(),
                                                agent.probeTimeout(),
                                                config.serverIdentifier()),
                        agent.readyCache(),
                        clock,
                        outcome -> {},
                        () -> watchdog.status().startedAt());
        KeaReadiness readiness = new KeaReadiness(local, probe);
        KeaApplyGate gate =
                new KeaApplyGate(
                        watchdog,
                        files,
                        mounted,
                        KeaConfigChecker.from(kea),
                        agent.role(),
                        local,
                        url ->
                                KeaControlClient.throughAgent(
                                        http,
                                        url,
                                        needsAgent ? Optional.of("dhcp4") : Optional.empty(),
                                        kea.control().timeouts()),
                        kea.apply(),
                        readiness::invalidate,
                        clock);
        KeaAgentMetrics metrics =
                new KeaAgentMetrics(
                        local,
                        watchdog::status,
                        () -> watchdog.runningDhcp4().map(JsonNode.class::cast),
                        () -> matches(mountedHash.get(), watchdog),
                        gate::applying);
        LOG.infof(
                "Kea %s%s: run dir %s, control socket %s, lease file %s",
                version,
                needsAgent ? " (with kea-ctrl-agent)" : "",
                runDir,
                kea.controlSocket(),
                kea.leaseFile().path());
        return new KeaPeerServer(
                watchdog,
                gate,
                readiness,
                metrics,
                local,
                mountedHash,
                agent.leaseMetrics().refresh());
    }

    @Override
    public String backend() {
        return KeaBackend.NAME;
    }

    @Override
    public void begin() {
        watchdog.begin();
        metrics.start(metricsRefresh);
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
        KeaWatchdog.Status status = watchdog.status();
        return status.live()
                ? new AgentApi.Live(true, null)
                : new AgentApi.Live(
                        false,
                        status.lastExit()
                                .map(e -> "kea-dhcp4 down: " + e.detail())
                                .orElse("kea-dhcp4 down"));
    }

    @Override
    public AgentApi.Ready ready() {
        return readiness.read();
    }

    @Override
    public ServerState state() {
        KeaWatchdog.Status status = watchdog.status();
        AgentApi.Pair pair = null;
        if (status.running()) {
            try {
                pair = KeaPairHealth.of(local.statusGet()).orElse(null);
            } catch (KeaControlException e) {
                pair = null;
            }
        }
        AgentApi.Dhcpd process =
                new AgentApi.Dhcpd(
                        status.running(),
                        status.pid().isPresent() ? status.pid().getAsLong() : null,
                        status.startedAt().map(Object::toString).orElse(null),
                        status.uptime().toMillis() / 1000.0,
                        (int) Math.min(Integer.MAX_VALUE, status.restarts()),
                        status.crashLoop(),
                        status.lastExit().orElse(null));
        return new ServerState(
                status.runningHash(),
                process,
                pair,
                readiness.stateProbe(),
                null,
                null,
                status.daemons());
    }

    @Override
    public ApplyAnswer apply(String expectedHash, boolean inPlace) throws InterruptedException {
        ApplyAnswer answer = gate.apply(expectedHash, inPlace);
        // not on this thread: at 10,000 subnets a poll held the answer back 8–43 s (benchmarks §23)
        metrics.refreshSoon();
        return answer;
    }

    @Override
    public String metrics() {
        return metrics.scrape();
    }

    @Override
    public void close() {
        metrics.close();
        watchdog.close();
    }

    private static Optional<RenderedConfig> mounted(Path configDir, List<String> names) {
        try {
            return BundleFiles.read(configDir, names);
        } catch (UncheckedIOException e) {
            return Optional.empty();
        }
    }

    private static boolean matches(Optional<String> mountedHash, KeaWatchdog watchdog) {
        return mountedHash.isPresent() && watchdog.status().runningHash().equals(mountedHash);
    }
}
