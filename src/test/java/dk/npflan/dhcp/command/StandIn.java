package dk.npflan.dhcp.command;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A small HTTP server standing in for serve or an agent in the console command tests: answers each
 * path with a fixed status and body (documents under {@code src/test/resources/command}) and keeps
 * every request it got, with its {@code Authorization} header and body.
 */
final class StandIn implements AutoCloseable {

    /** One request as received. */
    record Request(String method, String pathAndQuery, String authorization, String body) {}

    private record Answer(int status, String body) {}

    private final HttpServer server;
    private final Map<String, Answer> answers = new ConcurrentHashMap<>();
    private final List<Request> requests = new CopyOnWriteArrayList<>();

    StandIn() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext(
                "/",
                exchange -> {
                    String body =
                            new String(
                                    exchange.getRequestBody().readAllBytes(),
                                    StandardCharsets.UTF_8);
                    String path = exchange.getRequestURI().getPath();
                    requests.add(
                            new Request(
                                    exchange.getRequestMethod(),
                                    exchange.getRequestURI().toString(),
                                    exchange.getRequestHeaders().getFirst("Authorization"),
                                    body));
                    Answer answer =
                            answers.getOrDefault(
                                    exchange.getRequestMethod() + " " + path,
                                    new Answer(404, "{\"title\":\"not found\"}"));
                    byte[] bytes = answer.body().getBytes(StandardCharsets.UTF_8);
                    exchange.getResponseHeaders().add("Content-Type", "application/json");
                    exchange.sendResponseHeaders(answer.status(), bytes.length);
                    exchange.getResponseBody().write(bytes);
                    exchange.close();
                });
        server.start();
    }

    /** Answers {@code method path} (no query) with {@code status} and {@code body}. */
    StandIn answer(String methodAndPath, int status, String body) {
        answers.put(methodAndPath, new Answer(status, body));
        return this;
    }

    /** Answers with the document {@code name} from {@code src/test/resources/command}. */
    StandIn answerWith(String methodAndPath, int status, String name) {
        try {
            return answer(
                    methodAndPath,
                    status,
                    Files.readString(Path.of("src/test/resources/command", name)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The URL of a stand-in that was started and stopped again: nothing listens there now. */
    static String closedUrl() throws IOException {
        try (StandIn gone = new StandIn()) {
            return gone.url();
        }
    }

    String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    List<Request> requests(String method) {
        return requests.stream().filter(r -> r.method().equals(method)).toList();
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
