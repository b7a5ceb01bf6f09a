package dk.npflan.dhcp.kea.control;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dk.npflan.dhcp.kea.control.KeaUnreachableException.Reason;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.Optional;

/**
 * A Kea control agent's HTTP endpoint (kea-ctrl-agent, which Kea before 2.7.2 needs for the HA
 * peers' traffic). The agent forwards a request naming {@code "service": ["dhcp4"]} to the daemon's
 * unix socket and answers with a JSON <em>list</em>, one answer per service; without a service the
 * agent answers itself. This channel sends exactly one service (or none) and unwraps the list, so
 * {@link KeaControlClient} sees the same answer object as over the socket.
 */
public final class ControlAgentChannel implements KeaChannel {

    private final HttpClient http;
    private final URI agent;
    private final Optional<String> service;
    private final ObjectMapper json;

    /**
     * @param service the daemon to forward to ({@code dhcp4}), or empty to talk to the agent itself
     */
    public ControlAgentChannel(
            HttpClient http, URI agent, Optional<String> service, ObjectMapper json) {
        this.http = http;
        this.agent = agent;
        this.service = service;
        this.json = json;
    }

    @Override
    public String target() {
        return agent + service.map(s -> " (service " + s + ")").orElse(" (the agent itself)");
    }

    @Override
    public JsonNode exchange(String command, ObjectNode request, Duration timeout)
            throws KeaControlException {
        ObjectNode body = request.deepCopy();
        service.ifPresent(s -> body.putArray("service").add(s));
        HttpResponse<byte[]> response = post(command, body, timeout);
        if (response.statusCode() != 200) {
            throw new KeaUnreachableException(
                    command,
                    Reason.IO_ERROR,
                    agent + " answered HTTP " + response.statusCode(),
                    null);
        }
        JsonNode answer;
        try {
            answer = json.readTree(response.body());
        } catch (IOException e) {
            throw new KeaMalformedAnswerException(command, "answer is not JSON", e);
        }
        if (answer != null && answer.isArray() && answer.size() == 1) {
            answer = answer.get(0);
        }
        if (answer == null || !answer.isObject()) {
            throw new KeaMalformedAnswerException(
                    command, "expected one answer object, got " + abbreviate(answer), null);
        }
        return answer;
    }

    private HttpResponse<byte[]> post(String command, ObjectNode body, Duration timeout)
            throws KeaControlException {
        HttpRequest request;
        try {
            request =
                    HttpRequest.newBuilder(agent)
                            .timeout(timeout)
                            .header("Content-Type", "application/json")
                            .POST(
                                    HttpRequest.BodyPublishers.ofByteArray(
                                            json.writeValueAsBytes(body)))
                            .build();
        } catch (IOException e) {
            throw new KeaMalformedAnswerException(command, "request not serialisable", e);
        }
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofByteArray());
        } catch (HttpTimeoutException e) {
            throw new KeaUnreachableException(
                    command, Reason.TIMED_OUT, agent + " did not answer in " + timeout, e);
        } catch (ConnectException e) {
            throw new KeaUnreachableException(
                    command, Reason.REFUSED, agent + " refused the connection", e);
        } catch (IOException e) {
            throw new KeaUnreachableException(
                    command, Reason.IO_ERROR, agent + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new KeaUnreachableException(command, Reason.IO_ERROR, "interrupted", e);
        }
    }

    private static String abbreviate(JsonNode node) {
        String text = String.valueOf(node);
        return text.length() > 200 ? text.substring(0, 200) + "…" : text;
    }
}
