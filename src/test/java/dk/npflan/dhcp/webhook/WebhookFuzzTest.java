package dk.npflan.dhcp.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import dk.npflan.dhcp.kafka.KafkaTestBroker;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Property test: 10,000 random and mutated requests. Most mutated bodies are re-signed with the
 * right secret, so they reach the JSON parser instead of stopping at the signature gate. With the
 * broker up, no request may get a 5xx, none may hang, and the service must still be ready
 * afterwards.
 */
@QuarkusTest
@QuarkusTestResource(KafkaTestBroker.class)
@Tag("slow")
class WebhookFuzzTest {

    private static final int REQUESTS = 10_000;
    private static final Set<Integer> ALLOWED = Set.of(202, 400, 401, 413, 415);
    private static final String[] CONTENT_TYPES = {
        "application/json",
        "application/json; charset=utf-8",
        "APPLICATION/JSON",
        "application/vnd.api+json",
        "text/plain",
        "application/xml",
        "",
        "json",
        ";;;",
        "application/",
        "*/*",
        "multipart/form-data; boundary=x"
    };
    private static final String[] JSON_ATOMS = {
        "null",
        "true",
        "false",
        "0",
        "-1",
        "1e999",
        "1.5",
        "\"\"",
        "\"created\"",
        "\"updated\"",
        "\"deleted\"",
        "\"ipam.prefix\"",
        "\"\\u0000\"",
        "\"\\ud800\"",
        "{}",
        "[]",
        "99999999999999999999999",
        "\"" + "x".repeat(2000) + "\""
    };
    private static final String[] KEYS = {
        "event",
        "data",
        "id",
        "object_type",
        "model",
        "request",
        "request_id",
        "username",
        "timestamp",
        "snapshots",
        "user",
        "",
        "\u00e9v\u00e9nement"
    };

    @TestHTTPResource("/webhooks/netbox")
    URI webhook;

    @TestHTTPResource("/q/health/ready")
    URI ready;

    private final SignatureVerifier signer = new SignatureVerifier(NetboxWire.SECRET);
    private final Random random = new Random(20261128L);
    private final HttpClient client =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @Test
    void tenThousandRandomAndMutatedRequests_neverGet5xxOrHang() throws Exception {
        Map<Integer, Integer> statuses = new TreeMap<>();
        for (int i = 0; i < REQUESTS; i++) {
            HttpRequest request = nextRequest();
            HttpResponse<String> response =
                    client.send(request, HttpResponse.BodyHandlers.ofString());
            statuses.merge(response.statusCode(), 1, Integer::sum);
            assertThat(response.statusCode())
                    .as("request %d answered %s", i, response.body())
                    .isIn(ALLOWED);
            if (response.statusCode() >= 400) {
                assertThat(response.headers().firstValue("content-type"))
                        .as(
                                "request %d (Content-Type %s) answered %d %s",
                                i,
                                request.headers().firstValue("Content-Type").orElse("none"),
                                response.statusCode(),
                                response.body())
                        .hasValue(Problem.MEDIA_TYPE);
            }
        }
        assertThat(statuses.values().stream().mapToInt(Integer::intValue).sum())
                .isEqualTo(REQUESTS);
        // the mix must really exercise every gate, or the property says little
        assertThat(statuses).containsKeys(202, 400, 401, 415);
        HttpResponse<String> health =
                client.send(
                        HttpRequest.newBuilder(ready).build(),
                        HttpResponse.BodyHandlers.ofString());
        assertThat(health.statusCode()).isEqualTo(200);
    }

    private HttpRequest nextRequest() {
        int kind = random.nextInt(100);
        byte[] body;
        String signature;
        String contentType = "application/json";
        if (kind < 40) {
            body = mutate(randomWire().body());
            signature = signer.signHex(body);
        } else if (kind < 60) {
            body = randomJson(0).getBytes(StandardCharsets.UTF_8);
            signature = signer.signHex(body);
        } else if (kind < 70) {
            body = randomBytes(random.nextInt(4096));
            signature = random.nextBoolean() ? signer.signHex(body) : randomSignature();
        } else if (kind < 85) {
            NetboxWire wire = randomWire();
            body = wire.body();
            signature = random.nextBoolean() ? randomSignature() : wire.signature;
            contentType = CONTENT_TYPES[random.nextInt(CONTENT_TYPES.length)];
        } else if (kind < 95) {
            int depth = 1 + random.nextInt(3000);
            body =
                    ("{\"event\": \"updated\", \"data\": {\"id\": 1, \"x\": "
                                    + "[".repeat(depth)
                                    + "]".repeat(depth)
                                    + "}}")
                            .getBytes(StandardCharsets.UTF_8);
            signature = signer.signHex(body);
        } else {
            body = randomBytes(250 * 1024 + random.nextInt(20 * 1024));
            signature = signer.signHex(body);
        }
        HttpRequest.Builder builder =
                HttpRequest.newBuilder(webhook)
                        .timeout(Duration.ofSeconds(20))
                        .POST(HttpRequest.BodyPublishers.ofByteArray(body));
        if (!contentType.isEmpty()) {
            builder.header("Content-Type", contentType);
        }
        if (signature != null) {
            builder.header("X-Hook-Signature", signature);
        }
        return builder.build();
    }

    private NetboxWire randomWire() {
        return NetboxWire.values()[random.nextInt(NetboxWire.values().length)];
    }

    private byte[] mutate(byte[] body) {
        byte[] out = body.clone();
        int mutations = 1 + random.nextInt(8);
        for (int m = 0; m < mutations; m++) {
            switch (random.nextInt(4)) {
                case 0 -> out[random.nextInt(out.length)] = (byte) random.nextInt(256);
                case 1 ->
                        out =
                                java.util.Arrays.copyOf(
                                        out, Math.max(0, random.nextInt(out.length + 1)));
                case 2 ->
                        out[random.nextInt(Math.max(1, out.length))] =
                                (byte) "{}[]\":,\\0".charAt(random.nextInt(9));
                default -> {
                    String text = new String(out, StandardCharsets.ISO_8859_1);
                    text =
                            text.replace(
                                            "\"id\": 1187",
                                            "\"id\": "
                                                    + JSON_ATOMS[random.nextInt(JSON_ATOMS.length)])
                                    .replace(
                                            "\"updated\"",
                                            JSON_ATOMS[random.nextInt(JSON_ATOMS.length)]);
                    out = text.getBytes(StandardCharsets.ISO_8859_1);
                }
            }
            if (out.length == 0) {
                break;
            }
        }
        return out;
    }

    private String randomJson(int depth) {
        if (depth > 4 || random.nextInt(3) == 0) {
            return JSON_ATOMS[random.nextInt(JSON_ATOMS.length)];
        }
        if (random.nextInt(4) == 0) {
            StringBuilder array = new StringBuilder("[");
            for (int i = random.nextInt(4); i > 0; i--) {
                array.append(randomJson(depth + 1)).append(i > 1 ? "," : "");
            }
            return array.append(']').toString();
        }
        StringBuilder object = new StringBuilder("{");
        int fields = random.nextInt(6);
        for (int i = 0; i < fields; i++) {
            String key = KEYS[random.nextInt(KEYS.length)];
            String value =
                    key.equals("data") && random.nextBoolean()
                            ? "{\"id\": " + JSON_ATOMS[random.nextInt(JSON_ATOMS.length)] + "}"
                            : randomJson(depth + 1);
            object.append(i == 0 ? "" : ",").append('"').append(key).append("\":").append(value);
        }
        return object.append('}').toString();
    }

    private byte[] randomBytes(int length) {
        byte[] bytes = new byte[length];
        random.nextBytes(bytes);
        return bytes;
    }

    private String randomSignature() {
        int length = random.nextInt(4) == 0 ? random.nextInt(200) : 128;
        StringBuilder hex = new StringBuilder();
        for (int i = 0; i < length; i++) {
            hex.append("0123456789abcdefABCDEFxyz-=".charAt(random.nextInt(27)));
        }
        return hex.toString();
    }
}
