package dk.npflan.dhcp.kea.server;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dk.npflan.dhcp.kea.KeaSettings;
import dk.npflan.dhcp.kea.control.KeaControlClient;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * Runs one real kea-ctrl-agent ({@code kea-ctrl-agent -c <file>}): the HTTP front of kea-dhcp4's
 * unix socket, through which Kea HA peers before 2.7.2 reach each other (whether it is needed is
 * {@link KeaVersion#needsControlAgent()}'s call, not this class's). Start waits until the agent
 * itself answers {@code status-get} over HTTP; {@link #dhcp4()} is a control client that goes
 * through it to kea-dhcp4.
 */
public final class KeaControlAgent extends KeaDaemon {

    private final KeaControlClient self;
    private final KeaControlClient dhcp4;
    private final Duration startTimeout;
    private final Duration stopTimeout;

    public KeaControlAgent(
            Path binary,
            Path configFile,
            Path runDir,
            URI url,
            HttpClient http,
            KeaSettings.Control.Timeouts timeouts,
            Duration startTimeout,
            Duration stopTimeout,
            int logLinesKept,
            Clock clock) {
        super(
                new KeaProcess(
                        "kea-ctrl-agent",
                        List.of(binary.toString(), "-c", configFile.toString()),
                        runDir,
                        logLinesKept,
                        clock));
        this.self = KeaControlClient.throughAgent(http, url, Optional.empty(), timeouts);
        this.dhcp4 = KeaControlClient.throughAgent(http, url, Optional.of("dhcp4"), timeouts);
        this.startTimeout = startTimeout;
        this.stopTimeout = stopTimeout;
    }

    /** The agent as configured, serving {@code configFile}, reached at {@code url}. */
    public static KeaControlAgent from(
            KeaSettings settings, Path configFile, URI url, HttpClient http) {
        return new KeaControlAgent(
                Path.of(settings.controlAgent().binary()),
                configFile,
                Path.of(settings.server().runDir()),
                url,
                http,
                settings.control().timeouts(),
                settings.controlAgent().startTimeout(),
                settings.server().stopTimeout(),
                settings.server().logLinesKept(),
                Clock.systemUTC());
    }

    /**
     * A minimal agent config: listen on {@code host:port}, forward {@code dhcp4} to the daemon's
     * unix socket, log to stdout. Built as a JSON tree, so no value can change its structure.
     */
    public static ObjectNode config(String host, int port, Path dhcp4Socket) {
        ObjectMapper json = new ObjectMapper();
        ObjectNode agent = json.createObjectNode();
        agent.put("http-host", host).put("http-port", port);
        agent.putObject("control-sockets")
                .putObject("dhcp4")
                .put("socket-type", "unix")
                .put("socket-name", dhcp4Socket.toString());
        ObjectNode logger = agent.putArray("loggers").addObject();
        logger.put("name", "kea-ctrl-agent").put("severity", "INFO");
        logger.putArray("output_options").addObject().put("output", "stdout");
        ObjectNode root = json.createObjectNode();
        root.set("Control-agent", agent);
        return root;
    }

    /** Launches the agent and waits until it answers {@code status-get} itself. */
    @Override
    public KeaStart start() throws InterruptedException {
        return process.start(self::statusGet, startTimeout);
    }

    /** The agent's own {@code shutdown}, then SIGTERM, then SIGKILL. */
    @Override
    public KeaStop stop() throws InterruptedException {
        return process.stop(self::shutdown, stopTimeout);
    }

    /** A control client for kea-dhcp4 through this agent ({@code "service": ["dhcp4"]}). */
    public KeaControlClient dhcp4() {
        return dhcp4;
    }

    /** A control client for the agent itself (no service). */
    public KeaControlClient self() {
        return self;
    }
}
