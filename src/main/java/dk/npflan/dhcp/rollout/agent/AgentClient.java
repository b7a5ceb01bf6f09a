package dk.npflan.dhcp.rollout.agent;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dk.npflan.dhcp.config.Ipv4Address;
import dk.npflan.dhcp.config.PeerRole;
import dk.npflan.dhcp.omapi.FailoverState;
import dk.npflan.dhcp.rollout.Peer;
import dk.npflan.dhcp.rollout.PeerState;
import dk.npflan.dhcp.rollout.PeerUnreachableException;
import dk.npflan.dhcp.rollout.RestartResult;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * One peer seen through its agent's HTTP API (CONTRACTS §2): {@code GET /state} and {@code POST
 * /restart}, every answer turned into a typed value. The agent's address is asked for on each call
 * (a recreated pod has a new IP); the bearer token is read from its file on each restart (so a
 * rotated Secret is picked up) and never logged or put into a message. Knows no platform: the
 * Kubernetes target hands in a pod annotation as the nudge, the local target a no-op, so both
 * targets talk to their agents through this one class.
 */
public final class AgentClient implements Peer {

    /** Per-request bounds; the restart one covers {@code dhcpd -t}, stop and start. */
    public record Timeouts(Duration state, Duration restart) {}

    /**
     * What makes the platform project a published bundle into the peer sooner (CONTRACTS §5: pod
     * annotation on Kubernetes, nothing locally, where publishing writes the peer's dir directly).
     */
    @FunctionalInterface
    public interface Nudge {
        void nudge(String hash);

        /** For targets whose publish is already visible to the peer. */
        static Nudge none() {
            return hash -> {};
        }
    }

    private static final ObjectMapper JSON = new ObjectMapper();

    private final PeerRole role;
    private final Supplier<URI> endpoint;
    private final Optional<Path> tokenFile;
    private final Timeouts timeouts;
    private final HttpClient http;
    private final Nudge nudge;

    /**
     * @param endpoint the agent's base URI; may throw {@link PeerUnreachableException}
     * @param nudge makes the platform project the published bundle sooner
     */
    public AgentClient(
            PeerRole role,
            Supplier<URI> endpoint,
            Optional<Path> tokenFile,
            Timeouts timeouts,
            HttpClient http,
            Nudge nudge) {
        this.role = role;
        this.endpoint = endpoint;
        this.tokenFile = tokenFile;
        this.timeouts = timeouts;
        this.http = http;
        this.nudge = nudge;
    }

    @Override
    public PeerRole role() {
        return role;
    }

    @Override
    public PeerState state() {
        URI uri = endpoint.get().resolve("/state");
        HttpResponse<String> response;
        try {
            response =
                    http.send(
                            HttpRequest.newBuilder(uri).timeout(timeouts.state()).GET().build(),
                            HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new PeerUnreachableException(describe(uri, e), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new PeerUnreachableException("interrupted while asking " + uri, e);
        }
        if (response.statusCode() != 200) {
            throw new PeerUnreachableException(
                    String.format(
                            "%s agent answered GET %s with %d: %s",
                            role.keyword(), uri, response.statusCode(), detail(response.body())));
        }
        return parseState(response.body(), uri);
    }

    @Override
    public void nudge(String hash) {
        nudge.nudge(hash);
    }

    @Override
    public RestartResult restart(String expectedHash) {
        return postRestart(
                JSON.createObjectNode().put("expectedConfigHash", expectedHash).toString());
    }

    @Override
    public RestartResult restartInPlace(String runningHash) {
        return postRestart(
                JSON.createObjectNode()
                        .put("expectedConfigHash", runningHash)
                        .put("inPlace", true)
                        .toString());
    }

    private RestartResult postRestart(String body) {
        URI uri;
        try {
            uri = endpoint.get().resolve("/restart");
        } catch (PeerUnreachableException e) {
            return new RestartResult.Unreachable(e.getMessage());
        }
        Optional<String> token = token();
        if (token.isEmpty()) {
            return new RestartResult.Unreachable(
                    "no agent token: the agent token file is "
                            + tokenFile.map(f -> f + " (unreadable or empty)").orElse("not set"));
        }
        HttpResponse<String> response;
        try {
            response =
                    http.send(
                            HttpRequest.newBuilder(uri)
                                    .timeout(timeouts.restart())
                                    .header("Content-Type", "application/json")
                                    .header("Authorization", "Bearer " + token.get())
                                    .POST(HttpRequest.BodyPublishers.ofString(body))
                                    .build(),
                            HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (IOException e) {
            return new RestartResult.Unreachable(describe(uri, e));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new RestartResult.Unreachable("interrupted while waiting for " + uri);
        }
        return restartResult(response.statusCode(), response.body());
    }

    /**
     * Maps every status of CONTRACTS §2 to its outcome; anything else is "could not talk to it".
     */
    static RestartResult restartResult(int status, String body) {
        JsonNode json = readOrEmpty(body);
        String type = json.path("type").asText("");
        return switch (status) {
            case 200 ->
                    json.path("restarted").asBoolean(false)
                            ? new RestartResult.Restarted(
                                    json.path("runningConfigHash").asText(null),
                                    Duration.ofMillis(json.path("durationMillis").asLong(0)))
                            : new RestartResult.AlreadyRunning(
                                    json.path("runningConfigHash").asText(null));
            case 409 -> {
                if (type.endsWith("/restart-in-progress")) {
                    yield new RestartResult.InProgress();
                }
                if (type.endsWith("/hash-mismatch")) {
                    yield new RestartResult.HashMismatch(mountedHash(json));
                }
                if (type.endsWith("/not-running")) {
                    yield new RestartResult.HashMismatch(
                            text(json, "runningConfigHash").orElse(null));
                }
                yield unexpected(status, json);
            }
            case 422 -> new RestartResult.ConfigInvalid(errors(json));
            case 500 ->
                    type.endsWith("/start-failed")
                            ? new RestartResult.StartFailed(detail(json))
                            : unexpected(status, json);
            case 401 ->
                    new RestartResult.Unreachable(
                            "agent refused the bearer token (401): the listener's token file and"
                                    + " the agent's differ");
            default -> unexpected(status, json);
        };
    }

    private PeerState parseState(String body, URI uri) {
        JsonNode json;
        try {
            json = JSON.readTree(body);
        } catch (IOException e) {
            throw new PeerUnreachableException("GET " + uri + " returned no JSON", e);
        }
        String reported = json.path("role").asText("");
        if (!reported.isEmpty() && !reported.equals(role.keyword())) {
            throw new PeerUnreachableException(
                    String.format(
                            "the %s peer's agent at %s says it is %s: wrong pod labels?",
                            role.keyword(), uri, reported));
        }
        JsonNode dhcpd = json.path("dhcpd");
        JsonNode failover = json.path("failover");
        JsonNode probe = json.path("probe");
        return new PeerState(
                role,
                text(json, "runningConfigHash"),
                text(json, "mountedConfigHash"),
                dhcpd.path("running").asBoolean(false),
                dhcpd.path("crashLoop").asBoolean(false),
                dhcpd.path("restarts").asInt(0),
                failoverState(failover, "localState"),
                failoverState(failover, "partnerState"),
                probe.path("ready").asBoolean(false),
                probeDetail(probe),
                Ipv4Address.parse(uri.getHost()),
                text(json.path("partnerAddress"), "resolved").flatMap(Ipv4Address::parse));
    }

    private static Optional<FailoverState> failoverState(JsonNode failover, String field) {
        JsonNode code = failover.path(field + "Code");
        if (code.isInt()) {
            return Optional.of(FailoverState.ofCode(code.asInt()));
        }
        String name = failover.path(field).asText(null);
        if (name == null) {
            return Optional.empty();
        }
        for (FailoverState state : FailoverState.values()) {
            if (state.dhcpdName().equals(name)) {
                return Optional.of(state);
            }
        }
        return Optional.of(FailoverState.UNKNOWN);
    }

    private static Optional<String> probeDetail(JsonNode probe) {
        if (probe.isMissingNode() || probe.isNull()) {
            return Optional.empty();
        }
        StringBuilder detail = new StringBuilder(probe.path("result").asText("no result"));
        if (probe.path("latencyMillis").isNumber()) {
            detail.append(" in ").append(probe.path("latencyMillis").asDouble()).append(" ms");
        }
        text(probe, "path").ifPresent(path -> detail.append(" via ").append(path));
        text(probe, "at").ifPresent(at -> detail.append(" at ").append(at));
        text(probe, "detail").ifPresent(reason -> detail.append(": ").append(reason));
        return Optional.of(detail.toString());
    }

    private Optional<String> token() {
        if (tokenFile.isEmpty()) {
            return Optional.empty();
        }
        try {
            String token = Files.readString(tokenFile.get(), StandardCharsets.UTF_8).strip();
            return token.isEmpty() ? Optional.empty() : Optional.of(token);
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    private String describe(URI uri, IOException e) {
        String what = e instanceof HttpTimeoutException ? "no answer in time" : e.toString();
        return String.format("%s agent at %s unreachable: %s", role.keyword(), uri, what);
    }

    private static RestartResult unexpected(int status, JsonNode json) {
        return new RestartResult.Unreachable(
                String.format("agent answered POST /restart with %d: %s", status, detail(json)));
    }

    private static String mountedHash(JsonNode json) {
        return text(json, "mountedConfigHash").or(() -> text(json, "mountedHash")).orElse(null);
    }

    private static List<String> errors(JsonNode json) {
        List<String> errors = new ArrayList<>();
        for (JsonNode error : json.path("errors")) {
            errors.add(
                    String.format(
                            "%s:%s: %s",
                            error.path("file").asText("?"),
                            error.path("line").asText("?"),
                            error.path("message").asText("")));
        }
        if (errors.isEmpty()) {
            errors.add(detail(json));
        }
        return List.copyOf(errors);
    }

    private static String detail(String body) {
        return detail(readOrEmpty(body));
    }

    private static String detail(JsonNode json) {
        return text(json, "detail")
                .or(() -> text(json, "title"))
                .or(() -> text(json, "error"))
                .orElse(json.isEmpty() ? "(no body)" : json.toString());
    }

    private static Optional<String> text(JsonNode json, String field) {
        JsonNode value = json.path(field);
        return value.isTextual() ? Optional.of(value.asText()) : Optional.empty();
    }

    private static JsonNode readOrEmpty(String body) {
        try {
            JsonNode node = body == null || body.isBlank() ? null : JSON.readTree(body);
            return node == null ? JSON.createObjectNode() : node;
        } catch (IOException e) {
            return JSON.createObjectNode().put("detail", body.strip());
        }
    }
}
