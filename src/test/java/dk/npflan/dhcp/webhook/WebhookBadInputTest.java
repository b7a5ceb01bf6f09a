package dk.npflan.dhcp.webhook;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.emptyOrNullString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;

import dk.npflan.dhcp.kafka.KafkaTestBroker;
import dk.npflan.dhcp.kafka.TopicReader;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.config.EncoderConfig;
import io.restassured.specification.RequestSpecification;
import java.nio.charset.StandardCharsets;
import java.util.stream.Stream;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every kind of bad request gets its own 4xx as problem+json, produces nothing, and leaves the
 * service ready.
 */
@QuarkusTest
@QuarkusTestResource(KafkaTestBroker.class)
@Tag("slow")
class WebhookBadInputTest {

    private static final SignatureVerifier SIGNER = new SignatureVerifier(NetboxWire.SECRET);
    private static TopicReader topic;

    @BeforeAll
    static void openTopic() {
        RestAssured.config =
                RestAssured.config()
                        .encoderConfig(
                                EncoderConfig.encoderConfig()
                                        .appendDefaultContentCharsetToContentTypeIfUndefined(
                                                false));
        topic = new TopicReader(WebhookIntakeTest.TOPIC);
    }

    @AfterAll
    static void closeTopic() {
        topic.close();
    }

    record BadRequest(String contentType, String signature, byte[] body) {}

    static Stream<Arguments> badRequests() {
        byte[] valid = NetboxWire.PREFIX_CREATED.body();
        String validSignature = NetboxWire.PREFIX_CREATED.signature;
        return Stream.of(
                Arguments.of(
                        "no signature",
                        new BadRequest("application/json", null, valid),
                        401,
                        "bad-signature"),
                Arguments.of(
                        "non-hex signature",
                        new BadRequest("application/json", "g".repeat(128), valid),
                        401,
                        "bad-signature"),
                Arguments.of(
                        "wrong-length signature",
                        new BadRequest("application/json", validSignature.substring(1), valid),
                        401,
                        "bad-signature"),
                Arguments.of(
                        "wrong content type",
                        new BadRequest("text/plain", validSignature, valid),
                        415,
                        "unsupported-media-type"),
                Arguments.of(
                        "XML content type",
                        new BadRequest("application/xml", validSignature, valid),
                        415,
                        "unsupported-media-type"),
                Arguments.of("empty body", signed(""), 400, "bad-request"),
                Arguments.of(
                        "JSON array",
                        signed("[{\"event\": \"created\", \"data\": {\"id\": 1}}]"),
                        400,
                        "bad-request"),
                Arguments.of(
                        "invalid JSON",
                        signed("{\"event\": \"created\", \"data\": {\"id\": 1}"),
                        400,
                        "bad-request"),
                Arguments.of(
                        "missing event",
                        signed("{\"object_type\": \"ipam.prefix\", \"data\": {\"id\": 1}}"),
                        400,
                        "bad-request"),
                Arguments.of(
                        "missing data",
                        signed("{\"event\": \"created\", \"object_type\": \"ipam.prefix\"}"),
                        400,
                        "bad-request"),
                Arguments.of(
                        "missing id",
                        signed(
                                "{\"event\": \"created\", \"object_type\": \"ipam.prefix\", \"data\": {}}"),
                        400,
                        "bad-request"),
                Arguments.of(
                        "unknown event",
                        signed(
                                "{\"event\": \"renamed\", \"object_type\": \"ipam.prefix\", \"data\": {\"id\": 1}}"),
                        400,
                        "bad-request"),
                Arguments.of(
                        "300 KiB body",
                        signed(
                                "{\"event\": \"created\", \"data\": {\"id\": 1, \"pad\": \""
                                        + "x".repeat(300 * 1024)
                                        + "\"}}"),
                        413,
                        "too-large"),
                Arguments.of(
                        "JSON nested 10,000 levels",
                        signed(
                                "{\"event\": \"created\", \"data\": {\"id\": 1, \"x\": "
                                        + "[".repeat(10_000)
                                        + "]".repeat(10_000)
                                        + "}}"),
                        400,
                        "bad-request"));
    }

    @ParameterizedTest(name = "{0} → {2}")
    @MethodSource("badRequests")
    void badRequest_getsProblemJson_producesNothing_andServiceStaysReady(
            String name, BadRequest bad, int status, String problem) {
        long before = topic.endOffset();

        RequestSpecification request = given().body(bad.body());
        if (bad.contentType() != null) {
            request = request.contentType(bad.contentType());
        }
        if (bad.signature() != null) {
            request = request.header("X-Hook-Signature", bad.signature());
        }
        request.post("/webhooks/netbox")
                .then()
                .statusCode(status)
                .contentType(Problem.MEDIA_TYPE)
                .body("status", equalTo(status))
                .body("type", equalTo("urn:netbox-dhcpd:problem:" + problem))
                .body("detail", not(emptyOrNullString()))
                .body(not(org.hamcrest.Matchers.containsString("Exception")));

        Awaitility.await()
                .during(java.time.Duration.ofMillis(300))
                .atMost(java.time.Duration.ofSeconds(2))
                .until(() -> topic.endOffset() == before);
        given().get("/q/health/ready").then().statusCode(200);
    }

    private static BadRequest signed(String body) {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        return new BadRequest("application/json", SIGNER.signHex(bytes), bytes);
    }
}
