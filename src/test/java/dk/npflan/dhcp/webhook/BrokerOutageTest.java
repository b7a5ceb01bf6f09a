package dk.npflan.dhcp.webhook;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;

import dk.npflan.dhcp.kafka.KafkaTestBroker;
import dk.npflan.dhcp.kafka.TopicReader;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.RestAssured;
import io.restassured.config.EncoderConfig;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * With the broker down a webhook gets 503 + Retry-After within the publish timeout and is never
 * produced later; once the broker is back, webhooks are accepted again without restarting the
 * service.
 */
@QuarkusTest
@QuarkusTestResource(KafkaTestBroker.class)
@TestProfile(BrokerOutageTest.ShortPublishTimeout.class)
@Tag("slow")
class BrokerOutageTest {

    static final Duration PUBLISH_TIMEOUT = Duration.ofSeconds(2);

    public static class ShortPublishTimeout implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of(
                    "netbox-dhcpd.webhook.publish-timeout",
                    PUBLISH_TIMEOUT.toSeconds() + "s",
                    "netbox-dhcpd.webhook.retry-after",
                    "17s");
        }
    }

    private final SignatureVerifier signer = new SignatureVerifier(NetboxWire.SECRET);

    @Test
    void brokerDown_answers503InTime_producesNothing_thenRecoversWithoutRestart() {
        RestAssured.config =
                RestAssured.config()
                        .encoderConfig(
                                EncoderConfig.encoderConfig()
                                        .appendDefaultContentCharsetToContentTypeIfUndefined(
                                                false));
        try (TopicReader topic = new TopicReader(WebhookIntakeTest.TOPIC)) {
            post(910_001).then().statusCode(202);
            long before = topic.endOffset();

            KafkaTestBroker.stopBroker();
            try {
                long started = System.nanoTime();
                post(910_002)
                        .then()
                        .statusCode(503)
                        .contentType(Problem.MEDIA_TYPE)
                        .header("Retry-After", equalTo("17"))
                        .body("type", equalTo("urn:netbox-dhcpd:problem:unavailable"))
                        .body("detail", notNullValue());
                Duration took = Duration.ofNanos(System.nanoTime() - started);
                // the answer is bounded by the publish timeout (plus our 1 s grace and scheduling
                // slack on a
                // busy 2-core machine), not by Kafka's 30 s request timeout or a hang
                assertThat(took).isLessThan(PUBLISH_TIMEOUT.plusSeconds(6));
                given().get("/q/metrics")
                        .then()
                        .body(
                                org.hamcrest.Matchers.containsString(
                                        "netbox_webhooks_total{event=\"updated\",object_type=\"ipam.prefix\",result=\"unavailable\"}"));
            } finally {
                KafkaTestBroker.startBroker();
            }

            await().atMost(Duration.ofSeconds(60))
                    .pollInterval(Duration.ofMillis(500))
                    .until(() -> post(910_003).statusCode() == 202);

            List<String> keys = topic.readFrom(before).stream().map(ConsumerRecord::key).toList();
            assertThat(keys).contains("ipam.prefix:910003").doesNotContain("ipam.prefix:910002");
            given().get("/q/health/ready").then().statusCode(200);
            // a Kafka outage must not make Kubernetes restart us: liveness stays up throughout
            given().get("/q/health/live").then().statusCode(200);
        }
    }

    private io.restassured.response.Response post(long id) {
        byte[] body =
                ("{\"event\": \"updated\", \"object_type\": \"ipam.prefix\", \"data\": {\"id\": "
                                + id
                                + "}}")
                        .getBytes(StandardCharsets.UTF_8);
        return given().contentType("application/json")
                .header("X-Hook-Signature", signer.signHex(body))
                .body(body)
                .post("/webhooks/netbox");
    }
}
