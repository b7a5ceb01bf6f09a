package dk.npflan.dhcp.agent;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dk.npflan.dhcp.peer.AgentApi;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import org.jboss.logging.Logger;

/**
 * The agent's HTTP API on the JDK's built-in server: {@code GET /live}, {@code GET /ready}, {@code
 * GET /state}, {@code POST /restart} (bearer token) and {@code GET /metrics}. GETs carry no secret
 * and need no token; every error is {@code application/problem+json}. The JDK server keeps the
 * agent small (no framework beside dhcpd) and starts in milliseconds.
 */
public final class AgentHttpApi implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(AgentHttpApi.class);
    private static final String JSON = "application/json";
    private static final String PROBLEM = "application/problem+json";
    private static final String PROMETHEUS = "text/plain; version=0.0.4; charset=utf-8";
    private static final int MAX_BODY = 64 * 1024;

    private final HttpServer server;
    private final ExecutorService executor;
    private final ObjectMapper json = new ObjectMapper();
    private final AgentParts parts;

    private AgentHttpApi(HttpServer server, AgentParts parts) {
        this.server = server;
        this.parts = parts;
        AtomicInteger threads = new AtomicInteger();
        this.executor =
                Executors.newFixedThreadPool(
                        8,
                        r -> {
                            Thread t = new Thread(r, "agent-http-" + threads.incrementAndGet());
                            t.setDaemon(true);
                            return t;
                        });
        server.setExecutor(executor);
        server.createContext("/", this::route);
    }

    /** Binds and starts serving. */
    public static AgentHttpApi start(InetSocketAddress address, AgentParts parts)
            throws IOException {
        // Without TCP_NODELAY the JDK server's separate header and body writes meet the client's
        // delayed ACK: every small keep-alive answer took ~45 ms instead of ~1 ms (measured).
        // Read once when the server classes load, so it must be set before the first create.
        System.setProperty("sun.net.httpserver.nodelay", "true");
        AgentHttpApi api = new AgentHttpApi(HttpServer.create(address, 64), parts);
        api.server.start();
        return api;
    }

    public int port() {
        return server.getAddress().getPort();
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }

    private void route(HttpExchange exchange) throws IOException {
        try {
            String path = exchange.getRequestURI().getPath();
            String method = exchange.getRequestMethod();
            boolean post = path.equals("/restart");
            if (!List.of("/live", "/ready", "/state", "/metrics", "/restart").contains(path)) {
                problem(exchange, AgentApi.Problem.of(404, "not-found", "Not Found", path));
                return;
            }
            if (!method.equals(post ? "POST" : "GET")) {
                exchange.getResponseHeaders().set("Allow", post ? "POST" : "GET");
                problem(
                        exchange,
                        AgentApi.Problem.of(
                                405,
                                "method-not-allowed",
                                "Method Not Allowed",
                                method + " " + path));
                return;
            }
            switch (path) {
                case "/live" -> live(exchange);
                case "/ready" -> ready(exchange);
                case "/state" -> respond(exchange, 200, JSON, json.writeValueAsBytes(state()));
                case "/metrics" ->
                        respond(
                                exchange,
                                200,
                                PROMETHEUS,
                                parts.server().metrics().getBytes(StandardCharsets.UTF_8));
                default -> restart(exchange);
            }
        } catch (RuntimeException e) {
            LOG.errorf(
                    "agent API %s failed: %s",
                    exchange.getRequestURI(), parts.redactor().redact(e.toString()));
            problem(
                    exchange,
                    AgentApi.Problem.of(
                            500,
                            "internal-error",
                            "Internal Server Error",
                            e.getClass().getSimpleName()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            exchange.close();
        }
    }

    private void live(HttpExchange exchange) throws IOException {
        AgentApi.Live body = parts.server().live();
        respond(exchange, body.live() ? 200 : 503, JSON, json.writeValueAsBytes(body));
    }

    private void ready(HttpExchange exchange) throws IOException {
        AgentApi.Ready body = parts.server().ready();
        respond(exchange, body.ready() ? 200 : 503, JSON, json.writeValueAsBytes(body));
    }

    private AgentApi.State state() {
        PeerServer server = parts.server();
        ServerState state = server.state();
        return new AgentApi.State(
                parts.role().keyword(),
                parts.version(),
                state.runningConfigHash().orElse(null),
                server.mountedConfigHash().orElse(null),
                state.process(),
                state.failover(),
                state.pair(),
                state.probe(),
                state.partnerAddress(),
                server.backend(),
                state.daemons());
    }

    private void restart(HttpExchange exchange) throws IOException, InterruptedException {
        byte[] body = readBody(exchange.getRequestBody());
        if (!parts.token().accepts(exchange.getRequestHeaders().getFirst("Authorization"))) {
            exchange.getResponseHeaders().set("WWW-Authenticate", "Bearer");
            problem(
                    exchange,
                    AgentApi.Problem.of(
                            401,
                            "unauthorized",
                            "Unauthorized",
                            "a valid bearer token is required"));
            return;
        }
        AgentApi.RestartRequest request;
        try {
            request = body == null ? null : json.readValue(body, AgentApi.RestartRequest.class);
        } catch (IOException e) {
            request = null;
        }
        String expected = request == null ? null : request.expectedConfigHash();
        if (!RestartRequestHandler.isHash(expected)) {
            problem(
                    exchange,
                    AgentApi.Problem.of(
                            400,
                            "bad-request",
                            "Bad Request",
                            "body must be {\"expectedConfigHash\": \"<64 hex digits>\"} (and"
                                    + " optionally \"inPlace\": true)"
                                    + (body == null ? " (at most " + MAX_BODY + " bytes)" : "")));
            return;
        }
        answer(exchange, parts.server().apply(expected, request.restartInPlace()));
    }

    private void answer(HttpExchange exchange, ApplyAnswer answer) throws IOException {
        if (answer instanceof ApplyAnswer.InProgress) {
            problem(
                    exchange,
                    AgentApi.Problem.of(
                            409, "restart-in-progress", "Conflict", "another restart is running"));
        } else if (answer instanceof ApplyAnswer.HashMismatch mismatch) {
            problem(
                    exchange,
                    new AgentApi.Problem(
                            AgentApi.Problem.TYPE_BASE + "hash-mismatch",
                            "Conflict",
                            409,
                            "the mounted config hashes to "
                                    + mismatch.mounted().orElse("nothing (no complete bundle)")
                                    + ", not to the expected "
                                    + mismatch.expected(),
                            mismatch.expected(),
                            mismatch.mounted().orElse(null),
                            null,
                            null));
        } else if (answer instanceof ApplyAnswer.NotRunning notRunning) {
            problem(
                    exchange,
                    new AgentApi.Problem(
                            AgentApi.Problem.TYPE_BASE + "not-running",
                            "Conflict",
                            409,
                            parts.server().backend()
                                    + " "
                                    + notRunning
                                            .running()
                                            .map(h -> "runs " + h)
                                            .orElse("is not running")
                                    + ", not the expected "
                                    + notRunning.expected()
                                    + ": nothing to restart in place",
                            notRunning.expected(),
                            null,
                            notRunning.running().orElse(null),
                            null));
        } else if (answer instanceof ApplyAnswer.Refused refused) {
            problem(
                    exchange,
                    AgentApi.Problem.of(
                            409,
                            refused.slug(),
                            "Conflict",
                            parts.redactor().redact(refused.detail())));
        } else if (answer instanceof ApplyAnswer.AlreadyRunning already) {
            respond(
                    exchange,
                    200,
                    JSON,
                    json.writeValueAsBytes(
                            new AgentApi.NotRestarted(false, already.runningHash())));
        } else if (answer instanceof ApplyAnswer.ConfigInvalid invalid) {
            List<AgentApi.FileError> errors =
                    invalid.errors().stream()
                            .map(
                                    e ->
                                            new AgentApi.FileError(
                                                    e.file(),
                                                    e.line(),
                                                    parts.redactor().redact(e.message())))
                            .toList();
            problem(
                    exchange,
                    new AgentApi.Problem(
                            AgentApi.Problem.TYPE_BASE + "config-invalid",
                            "Unprocessable Content",
                            422,
                            parts.redactor().redact(invalid.detail()),
                            null,
                            null,
                            null,
                            errors));
        } else if (answer instanceof ApplyAnswer.Applied applied) {
            respond(
                    exchange,
                    200,
                    JSON,
                    json.writeValueAsBytes(
                            new AgentApi.Restarted(
                                    true,
                                    applied.runningHash(),
                                    applied.pid(),
                                    applied.took().toMillis())));
        } else {
            ApplyAnswer.Failed failed = (ApplyAnswer.Failed) answer;
            problem(
                    exchange,
                    AgentApi.Problem.of(
                            500,
                            failed.slug(),
                            "Internal Server Error",
                            parts.redactor().redact(failed.detail())));
        }
    }

    /** The body, or null when it exceeds {@link #MAX_BODY}. */
    private static byte[] readBody(InputStream in) throws IOException {
        byte[] body = in.readNBytes(MAX_BODY + 1);
        return body.length > MAX_BODY ? null : body;
    }

    private void problem(HttpExchange exchange, AgentApi.Problem problem) throws IOException {
        respond(exchange, problem.status(), PROBLEM, json.writeValueAsBytes(problem));
    }

    private static void respond(HttpExchange exchange, int status, String type, byte[] body)
            throws IOException {
        exchange.getResponseHeaders().set("Content-Type", type);
        exchange.getResponseHeaders().set("Cache-Control", "no-store");
        exchange.sendResponseHeaders(status, body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
    }
}
