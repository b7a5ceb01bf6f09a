package dk.npflan.dhcp.kea.agent;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dk.npflan.dhcp.CommandConfiguration;
import dk.npflan.dhcp.TestSettings;
import dk.npflan.dhcp.agent.AgentLauncher;
import dk.npflan.dhcp.agent.AgentSettingsFixture;
import dk.npflan.dhcp.config.InventoryFixture;
import dk.npflan.dhcp.config.PeerRole;
import dk.npflan.dhcp.config.RenderedConfig;
import dk.npflan.dhcp.config.ServerModel;
import dk.npflan.dhcp.kea.KeaConfigRenderer;
import dk.npflan.dhcp.kea.KeaSettings;
import dk.npflan.dhcp.kea.control.KeaControlClient;
import dk.npflan.dhcp.rollout.agent.AgentClient;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A real Kea 2.2 HA pair, each peer run by its own Kea agent in this JVM, all on {@code lo}: the
 * bundle is rendered from the seed inventory by the real renderer (interfaces {@code lo}, so
 * kea-dhcp4 opens no DHCP socket; HA peer URLs on free local ports, where each agent's
 * kea-ctrl-agent listens; a 1 s heartbeat), mounted in one directory both agents read, and each
 * peer has its own control socket, lease file and run directory (the agent settings of
 * docs/agent.md, "A Kea agent"). No namespace, no port 67.
 */
final class KeaAgentLab implements AutoCloseable {

    static final ObjectMapper JSON = new ObjectMapper();
    static final String TOKEN = "kea-agent-lab-token-0123456789abcdef";

    final Path dir;
    final Path bundle;
    final Path tokenFile;
    final KeaSettings rendering;
    final ServerModel model;
    private final Map<PeerRole, Integer> haPorts = new EnumMap<>(PeerRole.class);
    private final Map<PeerRole, AgentLauncher.Agent> agents = new EnumMap<>(PeerRole.class);
    private final HttpClient http = HttpClient.newHttpClient();

    KeaAgentLab(Path dir) throws IOException {
        this.dir = dir;
        this.bundle = Files.createDirectories(dir.resolve("bundle"));
        this.tokenFile = dir.resolve("token");
        Files.writeString(tokenFile, TOKEN);
        for (PeerRole role : PeerRole.values()) {
            haPorts.put(role, freeTcpPort());
        }
        Map<String, String> settings = new HashMap<>();
        settings.put("netbox-dhcpd.kea.interfaces", "lo");
        settings.put("netbox-dhcpd.kea.ha.heartbeat-delay", "PT1S");
        settings.put("netbox-dhcpd.kea.ha.max-response-delay", "PT10S");
        settings.put("netbox-dhcpd.kea.ha.max-ack-delay", "PT5S");
        settings.put("netbox-dhcpd.kea.peers.primary.url", url(PeerRole.PRIMARY));
        settings.put("netbox-dhcpd.kea.peers.secondary.url", url(PeerRole.SECONDARY));
        this.rendering =
                CommandConfiguration.load(Map.of(), settings, KeaSettings.class)
                        .getConfigMapping(KeaSettings.class);
        this.model = InventoryFixture.build("seed-npflan.json", TestSettings.dhcpd()).model();
    }

    String url(PeerRole role) {
        return "http://127.0.0.1:" + haPorts.get(role) + "/";
    }

    RenderedConfig render(ServerModel from) {
        return new KeaConfigRenderer(rendering).render(from);
    }

    /** The seed model without its last NetBox subnet: a changed config. */
    ServerModel withoutLastSubnet() {
        List<dk.npflan.dhcp.config.Subnet> subnets = model.subnets();
        return new ServerModel(
                model.global(),
                model.authoritative(),
                model.pingCheck(),
                model.omapiPort(),
                model.omapiKeyName(),
                model.omapiKeyInclude(),
                model.failoverInclude(),
                model.serverNetwork(),
                model.probe(),
                subnets.subList(0, subnets.size() - 1),
                model.failover());
    }

    /** {@code good} with the first subnet declared twice in both files: kea-dhcp4 -t refuses it. */
    static RenderedConfig withDuplicateSubnet(RenderedConfig good) throws IOException {
        Map<String, String> files = new LinkedHashMap<>();
        for (Map.Entry<String, String> file : good.files().entrySet()) {
            ObjectNode root = (ObjectNode) JSON.readTree(file.getValue());
            ArrayNode subnets = (ArrayNode) root.get("Dhcp4").get("subnet4");
            ObjectNode copy = ((ObjectNode) subnets.get(subnets.size() - 1)).deepCopy();
            copy.put("id", 999999);
            subnets.add(copy);
            files.put(
                    file.getKey(), JSON.writerWithDefaultPrettyPrinter().writeValueAsString(root));
        }
        return RenderedConfig.of(files);
    }

    /**
     * {@code good} with its HA hook library at {@code library} in both files: a library this
     * machine does not have makes {@code config-set} drop the running hooks.
     */
    static RenderedConfig withHaLibrary(RenderedConfig good, String library) throws IOException {
        Map<String, String> files = new LinkedHashMap<>();
        for (Map.Entry<String, String> file : good.files().entrySet()) {
            ObjectNode root = (ObjectNode) JSON.readTree(file.getValue());
            for (com.fasterxml.jackson.databind.JsonNode hook :
                    root.get("Dhcp4").get("hooks-libraries")) {
                if (hook.path("library").asText().endsWith("libdhcp_ha.so")) {
                    ((ObjectNode) hook).put("library", library);
                }
            }
            files.put(
                    file.getKey(), JSON.writerWithDefaultPrettyPrinter().writeValueAsString(root));
        }
        return RenderedConfig.of(files);
    }

    /** Puts {@code config}'s files where both agents read their bundle. */
    void mount(RenderedConfig config) throws IOException {
        for (Map.Entry<String, String> file : config.files().entrySet()) {
            Path temp = Files.createTempFile(bundle, file.getKey(), ".tmp");
            Files.writeString(temp, file.getValue());
            Files.move(
                    temp,
                    bundle.resolve(file.getKey()),
                    java.nio.file.StandardCopyOption.REPLACE_EXISTING,
                    java.nio.file.StandardCopyOption.ATOMIC_MOVE);
        }
    }

    Path peerDir(PeerRole role) {
        return dir.resolve(role == PeerRole.PRIMARY ? "p" : "s");
    }

    Path socket(PeerRole role) {
        return peerDir(role).resolve("kea4.sock");
    }

    AgentLauncher.Agent start(PeerRole role) throws Exception {
        Path peer = Files.createDirectories(peerDir(role));
        Map<String, String> settings = new HashMap<>();
        settings.put("netbox-dhcpd.backend", "kea");
        settings.put("netbox-dhcpd.agent.role", role.keyword());
        settings.put("netbox-dhcpd.agent.port", "0");
        settings.put("netbox-dhcpd.agent.bind-address", "127.0.0.1");
        settings.put("netbox-dhcpd.agent.config-dir", bundle.toString());
        settings.put("netbox-dhcpd.agent.token-file", tokenFile.toString());
        settings.put("netbox-dhcpd.agent.probe-interface", "lo");
        settings.put("netbox-dhcpd.agent.probe-timeout", "PT0.5S");
        settings.put("netbox-dhcpd.agent.restart-backoff.initial", "PT0.2S");
        settings.put("netbox-dhcpd.agent.lease-metrics.refresh", "PT0.5S");
        settings.put("netbox-dhcpd.kea.control-socket", socket(role).toString());
        settings.put("netbox-dhcpd.kea.lease-file.path", peer.resolve("leases4.csv").toString());
        settings.put("netbox-dhcpd.kea.server.run-dir", peer.resolve("run").toString());
        settings.put("netbox-dhcpd.kea.server.port", Integer.toString(freeUdpPort()));
        settings.put("netbox-dhcpd.kea.apply.gate-timeout", "PT30S");
        AgentLauncher.AgentConfig config = AgentSettingsFixture.load(settings);
        AgentLauncher.Agent agent = AgentLauncher.Agent.start(config, Clock.systemUTC());
        agents.put(role, agent);
        return agent;
    }

    /** Stops {@code role}'s agent and its daemons, as a pod restart does; its files stay. */
    void stop(PeerRole role) {
        AgentLauncher.Agent agent = agents.remove(role);
        if (agent != null) {
            agent.close();
        }
    }

    URI agentUri(PeerRole role) {
        return URI.create("http://127.0.0.1:" + agents.get(role).api().port() + "/");
    }

    AgentClient client(PeerRole role) {
        return new AgentClient(
                role,
                () -> agentUri(role),
                Optional.of(tokenFile),
                new AgentClient.Timeouts(Duration.ofSeconds(5), Duration.ofSeconds(90)),
                http,
                AgentClient.Nudge.none());
    }

    /** kea-dhcp4 of {@code role} over its own control socket. */
    KeaControlClient kea(PeerRole role) {
        return KeaControlClient.overSocket(socket(role), rendering.control().timeouts());
    }

    /** One GET of the agent's API: status and body. */
    HttpResponse<String> get(PeerRole role, String path) throws Exception {
        return http.send(
                HttpRequest.newBuilder(agentUri(role).resolve(path)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
    }

    @Override
    public void close() {
        agents.values().forEach(AgentLauncher.Agent::close);
        agents.clear();
    }

    static int freeUdpPort() {
        try (DatagramSocket socket = new DatagramSocket(0, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static int freeTcpPort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
