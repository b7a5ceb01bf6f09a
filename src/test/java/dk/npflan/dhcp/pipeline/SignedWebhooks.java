package dk.npflan.dhcp.pipeline;

import dk.npflan.dhcp.webhook.NetboxWire;
import dk.npflan.dhcp.webhook.SignatureVerifier;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/** Sends NetBox-shaped webhooks, signed with the fixture secret, to the app under test. */
final class SignedWebhooks implements AutoCloseable {

    private final URI endpoint;
    private final ExecutorService pool = Executors.newFixedThreadPool(8);
    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final SignatureVerifier signer = new SignatureVerifier(NetboxWire.SECRET);

    SignedWebhooks(URI endpoint) {
        this.endpoint = endpoint;
    }

    static byte[] body(String event, long prefixId, String requestId, String user) {
        return ("{\"event\": \""
                        + event
                        + "\", \"timestamp\": \"2026-12-01T08:00:00.000000+00:00\","
                        + " \"object_type\": \"ipam.prefix\", \"username\": \""
                        + user
                        + "\", \"request_id\": \""
                        + requestId
                        + "\", \"data\": {\"id\": "
                        + prefixId
                        + ", \"prefix\": \"10.0."
                        + prefixId % 256
                        + ".0/24\"}, \"snapshots\": {\"prechange\": null, \"postchange\": null}}")
                .getBytes(StandardCharsets.UTF_8);
    }

    /** Posts one webhook and returns its HTTP status. */
    int post(String event, long prefixId, String requestId, String user) {
        return postAll(List.of(body(event, prefixId, requestId, user))).get(0);
    }

    /** Posts all bodies concurrently (8 connections) and returns their statuses in order. */
    List<Integer> postAll(List<byte[]> bodies) {
        List<Future<Integer>> sent = new ArrayList<>();
        for (byte[] body : bodies) {
            HttpRequest request =
                    HttpRequest.newBuilder(endpoint)
                            .timeout(Duration.ofSeconds(30))
                            .header("Content-Type", "application/json")
                            .header("X-Hook-Signature", signer.signHex(body))
                            .POST(HttpRequest.BodyPublishers.ofByteArray(body))
                            .build();
            sent.add(
                    pool.submit(
                            () ->
                                    http.send(request, HttpResponse.BodyHandlers.discarding())
                                            .statusCode()));
        }
        List<Integer> statuses = new ArrayList<>();
        for (Future<Integer> f : sent) {
            try {
                statuses.add(f.get());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            } catch (ExecutionException e) {
                throw new IllegalStateException("webhook post failed", e.getCause());
            }
        }
        return statuses;
    }

    @Override
    public void close() {
        pool.shutdownNow();
    }
}
