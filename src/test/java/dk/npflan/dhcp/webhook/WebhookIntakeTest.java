package dk.npflan.dhcp.webhook;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dk.npflan.dhcp.kafka.KafkaTestBroker;
import dk.npflan.dhcp.kafka.TopicReader;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.config.EncoderConfig;
import java.time.Duration;
import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The happy path and the signature gate, end to end: HTTP → real broker → read back with a
 * consumer.
 */
@QuarkusTest
@QuarkusTestResource(KafkaTestBroker.class)
@Tag("slow")
class WebhookIntakeTest {

    static final String TOPIC = "netbox.events";
    private static TopicReader topic;
    private final ObjectMapper mapper = new ObjectMapper();

    @BeforeAll
    static void openTopic() {
        RestAssured.config =
                RestAssured.config()
                        .encoderConfig(
                                EncoderConfig.encoderConfig()
                                        .appendDefaultContentCharsetToContentTypeIfUndefined(
                                                false));
        topic = new TopicReader(TOPIC);
    }

    @AfterAll
    static void closeTopic() {
        topic.close();
    }

    @ParameterizedTest
    @EnumSource(NetboxWire.class)
    void signedNetboxBody_isAcceptedAndArrivesOnTheTopicWithKeyAndEnvelope(NetboxWire wire)
            throws Exception {
        long before = topic.endOffset();

        post(wire.body(), wire.signature)
                .then()
                .statusCode(202)
                .body("status", equalTo("accepted"))
                .body("key", equalTo(wire.key));

        List<ConsumerRecord<String, String>> records = topic.readFrom(before);
        assertThat(records).hasSize(1);
        ConsumerRecord<String, String> record = records.get(0);
        assertThat(record.key()).isEqualTo(wire.key);
        JsonNode envelope = mapper.readTree(record.value());
        JsonNode original = mapper.readTree(wire.body());
        assertThat(envelope.path("schemaVersion").asInt()).isEqualTo(1);
        assertThat(envelope.path("event").asText()).isEqualTo(wire.event);
        assertThat(envelope.path("objectType").asText() + ":" + envelope.path("objectId").asLong())
                .isEqualTo(wire.key);
        assertThat(envelope.path("requestId").asText())
                .isEqualTo(original.path("request").path("id").asText());
        assertThat(envelope.path("user").asText())
                .isEqualTo(original.path("request").path("user").asText());
        assertThat(envelope.path("netboxTimestamp").asText()).isNotEmpty();
        assertThat(envelope.path("receivedAt").asText()).isNotEmpty();
        assertThat(envelope.path("data")).isEqualTo(original.path("data"));
        assertThat(envelope.path("snapshots")).isEqualTo(original.path("snapshots"));
    }

    @ParameterizedTest
    @EnumSource(NetboxWire.class)
    void oneBodyByteChanged_is401AndNothingIsProduced(NetboxWire wire) {
        byte[] body = wire.body();
        body[body.length / 3] ^= 0x20;
        assertRejectedWithoutProducing(body, wire.signature);
    }

    @ParameterizedTest
    @EnumSource(NetboxWire.class)
    void oneSignatureDigitChanged_is401AndNothingIsProduced(NetboxWire wire) {
        char last = wire.signature.charAt(127);
        String changed = wire.signature.substring(0, 127) + (last == 'a' ? 'b' : 'a');
        assertRejectedWithoutProducing(wire.body(), changed);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({
        "\"object_type\": \"ipam.ipaddress\", ipam.ipaddress",
        "\"object_type\": \"dcim.interface\", dcim.interface",
        "\"object_type\": \"dcim.macaddress\", dcim.macaddress",
        "\"model\": \"ipaddress\", ipam.ipaddress",
        "\"model\": \"interface\", dcim.interface",
        "\"model\": \"macaddress\", dcim.macaddress"
    })
    void reservationObjectTypes_newAndOldPayloadForms_areAcceptedOntoTheTopic(
            String typeField, String objectType) {
        byte[] body =
                ("{\"event\": \"updated\", " + typeField + ", \"data\": {\"id\": 77}}").getBytes();
        long before = topic.endOffset();

        post(body, new SignatureVerifier(NetboxWire.SECRET).signHex(body))
                .then()
                .statusCode(202)
                .body("status", equalTo("accepted"))
                .body("key", equalTo(objectType + ":77"));

        assertThat(topic.readFrom(before))
                .extracting(ConsumerRecord::key)
                .containsExactly(objectType + ":77");
    }

    @Test
    void objectTypeOutOfScope_is202IgnoredAndNothingIsProduced() {
        byte[] body =
                "{\"event\": \"updated\", \"object_type\": \"dcim.site\", \"data\": {\"id\": 4}}"
                        .getBytes();
        long before = topic.endOffset();

        post(body, new SignatureVerifier(NetboxWire.SECRET).signHex(body))
                .then()
                .statusCode(202)
                .body("status", equalTo("ignored"));

        assertNothingProducedSince(before);
        given().get("/q/metrics")
                .then()
                .body(
                        containsString(
                                "netbox_webhooks_total{event=\"updated\",object_type=\"other\",result=\"ignored\"}"));
    }

    @Test
    void trailingSlash_isServedNotRedirected() {
        NetboxWire wire = NetboxWire.PREFIX_UPDATED;
        given().redirects()
                .follow(false)
                .contentType("application/json")
                .header("X-Hook-Signature", wire.signature)
                .body(wire.body())
                .post("/webhooks/netbox/")
                .then()
                .statusCode(202);
    }

    @Test
    void metrics_countResultsAndPublishTheLatencyHistogram() {
        NetboxWire wire = NetboxWire.PREFIX_CREATED;
        post(wire.body(), wire.signature).then().statusCode(202);
        post(wire.body(), null).then().statusCode(401);

        String metrics = given().get("/q/metrics").then().statusCode(200).extract().asString();
        assertThat(metrics)
                .contains(
                        "netbox_webhooks_total{event=\"created\",object_type=\"ipam.prefix\",result=\"accepted\"}")
                .contains(
                        "netbox_webhooks_total{event=\"unknown\",object_type=\"unknown\",result=\"bad_signature\"}")
                .contains("netbox_webhook_duration_seconds_bucket");
    }

    @Test
    void readiness_includesTheKafkaChannel() {
        given().get("/q/health/ready")
                .then()
                .statusCode(200)
                .body("status", equalTo("UP"))
                .body("checks.data.netbox-events", hasItem(containsString("OK")));
    }

    private void assertRejectedWithoutProducing(byte[] body, String signature) {
        long before = topic.endOffset();
        post(body, signature)
                .then()
                .statusCode(401)
                .contentType(Problem.MEDIA_TYPE)
                .body("status", equalTo(401))
                .body("type", equalTo("urn:netbox-dhcpd:problem:bad-signature"));
        assertNothingProducedSince(before);
    }

    static void assertNothingProducedSince(long before) {
        await().during(Duration.ofMillis(300))
                .atMost(Duration.ofSeconds(2))
                .until(() -> topic.endOffset() == before);
    }

    static io.restassured.response.Response post(byte[] body, String signature) {
        var request = given().contentType("application/json").body(body);
        if (signature != null) {
            request = request.header("X-Hook-Signature", signature);
        }
        return request.post("/webhooks/netbox");
    }
}
