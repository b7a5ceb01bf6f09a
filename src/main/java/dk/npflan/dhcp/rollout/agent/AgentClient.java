package dk.npflan.dhcp.rollout.agent;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import dk.npflan.dhcp.config.Ipv4Address;
import dk.npflan.dhcp.config.PeerRole;
import dk.npflan.dhcp.peer.AgentApi;
import dk.npflan.dhcp.peer.HealthReading;
import dk.npflan.dhcp.rollout.Peer;
import dk.npflan.dhcp.rollout.PeerState;
import dk.npflan.dhcp.rollout.PeerUnreachableException;
import dk.npflan.dhcp.rollout.RestartResult;
import dk.npflan.dhcp.rollout.SubnetUtilization;
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
 * One peer seen through its agent's HTTP API ({@code docs/agent.md}): {@code GET /state} and {@code
 * POST /restart}, every answer bound to the contract's records ({@link AgentApi}, the ones the
 * agent writes) and turned into a typed value. The agent's address is asked for on each call (a
 * recreated pod has a new IP); the bearer token is read from its file on each restart (so a rotated
 * Secret is picked up) and never logged or put into a message. Knows no platform: the Kubernetes
 * target hands in a pod annotation as the nudge, the local target a no-op, so both targets talk to
 * their agents through this one class.
 */
public final class AgentClient implements Peer {

    /** Per-request bounds; the restart one covers {@code dhcpd -t}, stop and start. */
    public record Timeouts(Duration state, Duration restart) {}

    /**
     * What makes the platform project a published bundle into the peer sooner (a pod annotation on
     * Kubernetes, docs/rollout-kubernetes.md; nothing locally, where publishing writes the peer's
     * dir directly).
     */
    @FunctionalInterface
    public interface Nudge {
        void nudge(String hash);

        /** For targets whose publish is already visible to the peer. */
        static Nudge none() {
            return hash -> {};
        }
    }

    /** Tolerates fields and health values it does not know: an agent a version ahead answers. */
    private static final ObjectMapper JSON =
            new ObjectMapper()
                    .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false)
                    .configure(
                            DeserializationFeature.READ_UNKNOWN_ENUM_VALUES_USING_DEFAULT_VALUE,
                            true);

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
        HttpResponse<String> response = get(uri);
        if (response.statusCode() != 200) {
            throw new PeerUnreachableException(
                    String.format(
                            "%s agent answered GET %s with %d: %s",
                            role.keyword(), uri, response.statusCode(), detail(response.body())));
        }
        return parseState(response.body(), uri);
    }

    /**
     * {@code GET /metrics}, reduced to the per-subnet pool gauges ({@link PoolMetricsText});
     * bounded by the state timeout like {@code GET /state}.
     */
    @Override
    public List<SubnetUtilization> poolUsage() {
        URI uri = endpoint.get().resolve("/metrics");
        HttpResponse<String> response = get(uri);
        if (response.statusCode() != 200) {
            throw new PeerUnreachableException(
                    String.format(
                            "%s agent answered GET %s with %d",
                            role.keyword(), uri, response.statusCode()));
        }
        return PoolMetricsText.parse(response.body());
    }

    /** A GET bounded by the state timeout; unreachable when nothing answered. */
    private HttpResponse<String> get(URI uri) {
        try {
            return http.send(
                    HttpRequest.newBuilder(uri).timeout(timeouts.state()).GET().build(),
                    HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new PeerUnreachableException(describe(uri, e), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new PeerUnreachableException("interrupted while asking " + uri, e);
        }
    }

    @Override
    public void nudge(String hash) {
        nudge.nudge(hash);
    }

    @Override
    public RestartResult restart(String expectedHash) {
        return postRestart(AgentApi.RestartRequest.onto(expectedHash));
    }

    @Override
    public RestartResult restartInPlace(String runningHash) {
        return postRestart(AgentApi.RestartRequest.inPlaceOn(runningHash));
    }

    private RestartResult postRestart(AgentApi.RestartRequest request) {
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
                                    .POST(HttpRequest.BodyPublishers.ofString(json(request)))
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
     * Maps every status of {@code POST /restart} (docs/agent.md) to its outcome; anything else is
     * "could not talk to it".
     */
    static RestartResult restartResult(int status, String body) {
        if (status == 200) {
            Optional<AgentApi.NotRestarted> answer = read(body, AgentApi.NotRestarted.class);
            if (answer.isPresent() && !answer.get().restarted()) {
                return new RestartResult.AlreadyRunning(answer.get().runningConfigHash());
            }
            return read(body, AgentApi.Restarted.class)
                    .filter(AgentApi.Restarted::restarted)
                    .<RestartResult>map(
                            r ->
                                    new RestartResult.Restarted(
                                            r.runningConfigHash(),
                                            Duration.ofMillis(r.durationMillis())))
                    .orElseGet(() -> unexpected(status, body, Optional.empty()));
        }
        Optional<AgentApi.Problem> problem = read(body, AgentApi.Problem.class);
        return switch (status) {
            case 409 -> {
                if (problem.filter(p -> p.is("restart-in-progress")).isPresent()) {
                    yield new RestartResult.InProgress();
                }
                if (problem.filter(p -> p.is("hash-mismatch")).isPresent()) {
                    yield new RestartResult.HashMismatch(problem.get().mountedConfigHash());
                }
                if (problem.filter(p -> p.is("not-running")).isPresent()) {
                    yield new RestartResult.HashMismatch(problem.get().runningConfigHash());
                }
                if (problem.filter(p -> p.is("takeover-refused")).isPresent()) {
                    yield new RestartResult.Refused(detail(body, problem));
                }
                yield unexpected(status, body, problem);
            }
            case 422 -> new RestartResult.ConfigInvalid(errors(body, problem));
            case 500 ->
                    problem.filter(AgentClient::isStartFailure).isPresent()
                            ? new RestartResult.StartFailed(detail(body, problem))
                            : unexpected(status, body, problem);
            case 401 ->
                    new RestartResult.Unreachable(
                            "agent refused the bearer token (401): the listener's token file and"
                                    + " the agent's differ");
            default -> unexpected(status, body, problem);
        };
    }

    /**
     * The server is not serving the new bundle as it should: dhcpd did not start, or (Kea) the pair
     * did not get back to normal after {@code config-set}, or {@code config-set} got no answer.
     */
    private static boolean isStartFailure(AgentApi.Problem problem) {
        return problem.is("start-failed")
                || problem.is("pair-not-normal")
                || problem.is("apply-failed");
    }

    private PeerState parseState(String body, URI uri) {
        AgentApi.State state =
                read(body, AgentApi.State.class)
                        .orElseThrow(
                                () ->
                                        new PeerUnreachableException(
                                                "GET " + uri + " returned no JSON"));
        String reported = Optional.ofNullable(state.role()).orElse("");
        if (!reported.isEmpty() && !reported.equals(role.keyword())) {
            throw new PeerUnreachableException(
                    String.format(
                            "the %s peer's agent at %s says it is %s: wrong pod labels?",
                            role.keyword(), uri, reported));
        }
        Optional<AgentApi.Dhcpd> dhcpd = Optional.ofNullable(state.dhcpd());
        Optional<AgentApi.Pair> pair = Optional.ofNullable(state.pair());
        Optional<AgentApi.Probe> probe = Optional.ofNullable(state.probe());
        return new PeerState(
                role,
                Optional.ofNullable(state.runningConfigHash()),
                Optional.ofNullable(state.mountedConfigHash()),
                dhcpd.map(AgentApi.Dhcpd::running).orElse(false),
                dhcpd.map(AgentApi.Dhcpd::crashLoop).orElse(false),
                dhcpd.map(AgentApi.Dhcpd::restarts).orElse(0),
                pair.map(AgentApi.Pair::local).filter(AgentClient::complete),
                pair.map(AgentApi.Pair::partner).filter(AgentClient::complete),
                probe.map(AgentApi.Probe::ready).orElse(false),
                probe.map(AgentClient::probeDetail),
                Ipv4Address.parse(uri.getHost()),
                Optional.ofNullable(state.partnerAddress())
                        .map(AgentApi.PartnerAddressView::resolved)
                        .flatMap(Ipv4Address::parse));
    }

    /** A side the gates can decide on (a health value it does not know reads as unknown). */
    private static boolean complete(HealthReading side) {
        return side.health() != null && side.raw() != null;
    }

    private static String probeDetail(AgentApi.Probe probe) {
        StringBuilder detail =
                new StringBuilder(Optional.ofNullable(probe.result()).orElse("no result"));
        if (probe.latencyMillis() != null) {
            detail.append(" in ").append(probe.latencyMillis()).append(" ms");
        }
        Optional.ofNullable(probe.path()).ifPresent(path -> detail.append(" via ").append(path));
        Optional.ofNullable(probe.at()).ifPresent(at -> detail.append(" at ").append(at));
        Optional.ofNullable(probe.detail()).ifPresent(why -> detail.append(": ").append(why));
        return detail.toString();
    }

    private static String json(AgentApi.RestartRequest request) {
        try {
            return JSON.writeValueAsString(request);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a restart request always serialises", e);
        }
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

    private static RestartResult unexpected(
            int status, String body, Optional<AgentApi.Problem> problem) {
        return new RestartResult.Unreachable(
                String.format(
                        "agent answered POST /restart with %d: %s", status, detail(body, problem)));
    }

    private static List<String> errors(String body, Optional<AgentApi.Problem> problem) {
        List<String> errors = new ArrayList<>();
        for (AgentApi.FileError error : problem.map(AgentApi.Problem::errors).orElse(List.of())) {
            errors.add(
                    String.format(
                            "%s:%s: %s",
                            Optional.ofNullable(error.file()).orElse("?"),
                            Optional.ofNullable(error.line()).map(String::valueOf).orElse("?"),
                            Optional.ofNullable(error.message()).orElse("")));
        }
        if (errors.isEmpty()) {
            errors.add(detail(body, problem));
        }
        return List.copyOf(errors);
    }

    private static String detail(String body) {
        return detail(body, read(body, AgentApi.Problem.class));
    }

    /** The problem's detail or title, else the body as it came (a proxy's page, say). */
    private static String detail(String body, Optional<AgentApi.Problem> problem) {
        return problem.map(AgentApi.Problem::detail)
                .or(() -> problem.map(AgentApi.Problem::title))
                .orElse(body == null || body.isBlank() ? "(no body)" : body.strip());
    }

    /** {@code body} bound to {@code type}; empty when it is no JSON of that shape. */
    private static <T> Optional<T> read(String body, Class<T> type) {
        if (body == null || body.isBlank()) {
            return Optional.empty();
        }
        try {
            return Optional.ofNullable(JSON.readValue(body, type));
        } catch (IOException e) {
            return Optional.empty();
        }
    }
}
