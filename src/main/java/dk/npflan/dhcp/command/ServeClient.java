package dk.npflan.dhcp.command;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * The console's view of a running {@code serve}: {@code GET /status} and {@code POST
 * /reconcile?force=true}. A failure to connect becomes {@link Unreachable} naming the URL tried;
 * the bearer token is sent, never put into a message.
 */
final class ServeClient {

    private static final Duration TIMEOUT = Duration.ofSeconds(10);
    private static final ObjectMapper JSON =
            new ObjectMapper().configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);

    /** serve did not answer (or not with HTTP). */
    static final class Unreachable extends Exception {
        Unreachable(String message) {
            super(message);
        }
    }

    /** One HTTP answer. */
    record Answer(int status, String body) {}

    private final URI base;
    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(3)).build();

    ServeClient(URI base) {
        this.base = base;
    }

    URI base() {
        return base;
    }

    /** The raw {@code /status} document. */
    String statusJson() throws Unreachable {
        Answer answer = send(HttpRequest.newBuilder(resolve("/status")).GET());
        if (answer.status() != 200) {
            throw new Unreachable(
                    "GET " + resolve("/status") + " answered " + answer.status() + ", not 200");
        }
        return answer.body();
    }

    ServeStatus status() throws Unreachable {
        return parse(statusJson());
    }

    static ServeStatus parse(String json) throws Unreachable {
        try {
            return JSON.readValue(json, ServeStatus.class);
        } catch (IOException e) {
            throw new Unreachable("/status is not the status document: " + e.getMessage());
        }
    }

    /** {@code POST /reconcile?force=true} with {@code token} as bearer. */
    Answer forceReconcile(String token) throws Unreachable {
        return send(
                HttpRequest.newBuilder(resolve("/reconcile?force=true"))
                        .header("Authorization", "Bearer " + token)
                        .POST(HttpRequest.BodyPublishers.noBody()));
    }

    /** The {@code reconcileId} of a 202 body, or "?" when it has none. */
    static String reconcileId(String body) {
        try {
            return JSON.readTree(body).path("reconcileId").asText("?");
        } catch (IOException e) {
            return "?";
        }
    }

    private URI resolve(String path) {
        return base.resolve(path);
    }

    private Answer send(HttpRequest.Builder request) throws Unreachable {
        HttpRequest built = request.timeout(TIMEOUT).build();
        try {
            HttpResponse<String> response =
                    http.send(built, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
            return new Answer(response.statusCode(), response.body());
        } catch (IOException e) {
            throw new Unreachable(
                    "serve did not answer "
                            + built.method()
                            + " "
                            + built.uri()
                            + ": "
                            + e.getClass().getSimpleName()
                            + (e.getMessage() == null ? "" : " " + e.getMessage()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new Unreachable("interrupted while asking " + built.uri());
        }
    }
}
