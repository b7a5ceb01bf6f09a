package dk.npflan.dhcp.rollout.kubernetes;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dk.npflan.dhcp.config.BundleFiles;
import dk.npflan.dhcp.config.PeerRole;
import dk.npflan.dhcp.config.RenderedConfig;
import dk.npflan.dhcp.omapi.FailoverState;
import dk.npflan.dhcp.peer.AgentApi;
import dk.npflan.dhcp.rollout.DhcpdHealth;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Base64;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * An in-JVM stand-in for one peer's agent (the API of docs/agent.md) on loopback: {@code /state}
 * reports the bundle in its mounted directory and a scripted failover state, {@code /restart}
 * "restarts" onto the mounted bundle. Restarts are appended to a log shared by both agents, in
 * order.
 */
final class FakeAgent implements AutoCloseable {

    /** One restart, with what the other agent reported as its own state at that moment. */
    record Restart(PeerRole role, String hash, Optional<FailoverState> otherLocalState) {}

    private static final ObjectMapper JSON = new ObjectMapper();

    private final PeerRole role;
    private final Path mountDir;
    private final String token;
    private final List<Restart> log;
    private final HttpServer server;
    private final Deque<FailoverState> afterRestart = new ArrayDeque<>();
    private final Deque<Map.Entry<Integer, String>> scriptedRestarts = new ArrayDeque<>();
    private volatile FakeAgent other;
    private volatile String runningHash;
    private volatile FailoverState localState = FailoverState.NORMAL;
    private volatile int restarts;
    private volatile String reportedRole;

    FakeAgent(PeerRole role, Path mountDir, String token, List<Restart> log) {
        this(role, mountDir, token, log, Optional.empty());
    }

    /**
     * @param kept the hash the agent boots instead of the mounted one, as a real agent boots the
     *     bundle kept on its volume
     */
    FakeAgent(
            PeerRole role, Path mountDir, String token, List<Restart> log, Optional<String> kept) {
        this.role = role;
        this.mountDir = mountDir;
        this.token = token;
        this.log = log;
        this.reportedRole = role.keyword();
        try {
            server =
                    HttpServer.create(
                            new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.createContext("/state", this::state);
        server.createContext("/restart", this::restart);
        server.start();
        runningHash = kept.orElseGet(() -> mounted().map(RenderedConfig::sha256).orElse(null));
    }

    static List<Restart> newLog() {
        return new CopyOnWriteArrayList<>();
    }

    int port() {
        return server.getAddress().getPort();
    }

    void pairWith(FakeAgent partner) {
        this.other = partner;
        partner.other = this;
    }

    /** States served by the next {@code /state} calls after a restart, before normal returns. */
    synchronized void afterRestartReport(FailoverState... states) {
        afterRestart.clear();
        afterRestart.addAll(List.of(states));
    }

    /** The next {@code POST /restart} answers this instead of restarting. */
    synchronized void scriptRestart(int status, String body) {
        scriptedRestarts.add(Map.entry(status, body));
    }

    void reportRole(String role) {
        this.reportedRole = role;
    }

    String runningHash() {
        return runningHash;
    }

    int restarts() {
        return restarts;
    }

    Optional<RenderedConfig> mounted() {
        Map<String, String> data = new HashMap<>();
        Map<String, String> binary = new HashMap<>();
        try {
            for (String name : BundleFiles.NAMES) {
                Path plain = mountDir.resolve(name);
                Path gz = mountDir.resolve(name + ConfigMapBundle.GZIP_SUFFIX);
                if (Files.exists(plain)) {
                    data.put(name, Files.readString(plain, StandardCharsets.UTF_8));
                } else if (Files.exists(gz)) {
                    binary.put(
                            name + ConfigMapBundle.GZIP_SUFFIX,
                            Base64.getEncoder().encodeToString(Files.readAllBytes(gz)));
                }
            }
        } catch (IOException e) {
            return Optional.empty();
        }
        return ConfigMapBundle.decode(data, binary, BundleFiles.NAMES);
    }

    private synchronized FailoverState currentLocalState() {
        FailoverState next = afterRestart.poll();
        if (next != null) {
            localState = next;
        } else if (localState != FailoverState.NORMAL && localState != FailoverState.RECOVER_WAIT) {
            localState = FailoverState.NORMAL;
        }
        return localState;
    }

    private void state(HttpExchange exchange) throws IOException {
        FailoverState local = currentLocalState();
        FakeAgent partner = other;
        FailoverState partnerState = partner == null ? FailoverState.NORMAL : partner.localState;
        ObjectNode body = JSON.createObjectNode();
        body.put("role", reportedRole);
        body.put("agentVersion", "test");
        body.put("runningConfigHash", runningHash);
        body.put("mountedConfigHash", mounted().map(RenderedConfig::sha256).orElse(null));
        body.putObject("dhcpd")
                .put("running", runningHash != null)
                .put("pid", 4242)
                .put("restarts", restarts)
                .put("crashLoop", false);
        body.putObject("failover")
                .put("localState", local.dhcpdName())
                .put("localStateCode", local.code())
                .put("partnerState", partnerState.dhcpdName())
                .put("partnerStateCode", partnerState.code());
        body.set(
                "pair",
                JSON.valueToTree(
                        new AgentApi.Pair(DhcpdHealth.of(local), DhcpdHealth.of(partnerState))));
        body.putObject("probe")
                .put("ready", runningHash != null)
                .put("result", runningHash != null ? "ACK" : "NAK")
                .put("detail", runningHash != null ? null : "dhcpd not running")
                .put("latencyMillis", 3.5)
                .put("path", "AF_PACKET");
        respond(exchange, 200, "application/json", body.toString());
    }

    private void restart(HttpExchange exchange) throws IOException {
        byte[] request = exchange.getRequestBody().readAllBytes();
        if (!("Bearer " + token).equals(exchange.getRequestHeaders().getFirst("Authorization"))) {
            problem(exchange, 401, "unauthorized", "bad or missing token");
            return;
        }
        JsonNode json = JSON.readTree(request);
        String expected = json.path("expectedConfigHash").asText(null);
        if (expected == null) {
            problem(exchange, 400, "bad-request", "no expectedConfigHash");
            return;
        }
        Map.Entry<Integer, String> scripted;
        synchronized (this) {
            scripted = scriptedRestarts.poll();
        }
        if (scripted != null) {
            respond(exchange, scripted.getKey(), "application/problem+json", scripted.getValue());
            return;
        }
        String mounted = mounted().map(RenderedConfig::sha256).orElse(null);
        if (!expected.equals(mounted)) {
            ObjectNode body = problemBody(409, "hash-mismatch", "mounted differs");
            body.put("expectedConfigHash", expected);
            body.put("mountedConfigHash", mounted);
            respond(exchange, 409, "application/problem+json", body.toString());
            return;
        }
        if (expected.equals(runningHash)) {
            respond(
                    exchange,
                    200,
                    "application/json",
                    JSON.createObjectNode()
                            .put("restarted", false)
                            .put("runningConfigHash", runningHash)
                            .toString());
            return;
        }
        FakeAgent partner = other;
        log.add(
                new Restart(
                        role,
                        expected,
                        partner == null ? Optional.empty() : Optional.of(partner.localState)));
        runningHash = expected;
        restarts++;
        respond(
                exchange,
                200,
                "application/json",
                JSON.createObjectNode()
                        .put("restarted", true)
                        .put("runningConfigHash", runningHash)
                        .put("pid", 4243)
                        .put("durationMillis", 12)
                        .toString());
    }

    private static ObjectNode problemBody(int status, String slug, String detail) {
        return JSON.createObjectNode()
                .put("type", "https://netbox-dhcpd.npflan.dk/problems/" + slug)
                .put("title", slug)
                .put("status", status)
                .put("detail", detail);
    }

    private static void problem(HttpExchange exchange, int status, String slug, String detail)
            throws IOException {
        respond(
                exchange,
                status,
                "application/problem+json",
                problemBody(status, slug, detail).toString());
    }

    private static void respond(HttpExchange exchange, int status, String type, String body)
            throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", type);
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
