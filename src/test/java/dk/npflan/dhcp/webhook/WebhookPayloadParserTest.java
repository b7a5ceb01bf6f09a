package dk.npflan.dhcp.webhook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class WebhookPayloadParserTest {

    private final WebhookPayloadParser parser =
            new WebhookPayloadParser(
                    Clock.fixed(Instant.parse("2026-11-28T10:00:00Z"), ZoneOffset.UTC));

    @Test
    void netbox46Body_becomesEnvelope() throws Exception {
        NetboxEvent event = parser.parse(NetboxWire.PREFIX_UPDATED.body());

        assertThat(event.event()).isEqualTo("updated");
        assertThat(event.objectType()).isEqualTo("ipam.prefix");
        assertThat(event.objectId()).isEqualTo(1187);
        assertThat(event.key()).isEqualTo("ipam.prefix:1187");
        assertThat(event.requestId()).isEqualTo("a81c44d0-57e6-4f0b-b7d9-2e0f7d35c6aa");
        assertThat(event.user()).isEqualTo("jdoe");
        assertThat(event.netboxTimestamp()).isEqualTo("2026-08-21T14:02:47.530113Z");
        assertThat(event.receivedAt()).isEqualTo("2026-11-28T10:00:00Z");
        assertThat(event.data().path("prefix").asText()).isEqualTo("10.42.16.0/24");
        assertThat(event.snapshots().has("prechange")).isTrue();
        assertThat(event.schemaVersion()).isEqualTo(NetboxEvent.SCHEMA_VERSION);
    }

    @Test
    void netbox37Body_withModelUsernameAndSpaceTimestamp() throws Exception {
        NetboxEvent event =
                parse(
                        """
                {"event": "created", "timestamp": "2023-08-02 17:53:52.779942+00:00", "model": "prefix",
                 "username": "admin", "request_id": "r-37", "data": {"id": 7, "prefix": "10.0.0.0/24", "site": null},
                 "snapshots": {"prechange": null, "postchange": {}}}""");

        assertThat(event.objectType()).isEqualTo("ipam.prefix");
        assertThat(event.user()).isEqualTo("admin");
        assertThat(event.requestId()).isEqualTo("r-37");
        assertThat(event.netboxTimestamp()).isEqualTo("2023-08-02T17:53:52.779942Z");
    }

    @Test
    void netbox44Body_withBothModelAndObjectType_prefersObjectType() throws Exception {
        NetboxEvent event =
                parse(
                        """
                {"event": "deleted", "model": "iprange", "object_type": "ipam.iprange", "data": {"id": 3}}""");
        assertThat(event.objectType()).isEqualTo("ipam.iprange");
    }

    @Test
    void netbox47Body_withoutUsernameOrRequestId_readsRequestObject() throws Exception {
        NetboxEvent event =
                parse(
                        """
                {"event": "updated", "timestamp": "2026-08-20T09:14:03.151872+00:00", "object_type": "ipam.ipaddress",
                 "data": {"id": 12}, "request": {"id": "r-47", "method": "PATCH", "path": "/api/ipam/ip-addresses/12/",
                 "path_info": "/api/ipam/ip-addresses/12/", "GET": {}, "user": "svc"}, "snapshots": {}, "context": {}}""");

        assertThat(event.requestId()).isEqualTo("r-47");
        assertThat(event.user()).isEqualTo("svc");
        assertThat(event.objectType()).isEqualTo("ipam.ipaddress");
    }

    @Test
    void onlyEventAndDataId_areRequired() throws Exception {
        NetboxEvent event = parse("{\"event\": \"updated\", \"data\": {\"id\": 5}}");
        assertThat(event.objectType()).isNull();
        assertThat(event.requestId()).isNull();
        assertThat(event.netboxTimestamp()).isNull();
        assertThat(event.snapshots()).isNull();
    }

    @Test
    void unreadableTimestamp_isDroppedNotFatal() throws Exception {
        assertThat(
                        parse(
                                        "{\"event\": \"updated\", \"timestamp\": \"yesterday\", \"data\": {\"id\": 5}}")
                                .netboxTimestamp())
                .isNull();
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(
            delimiter = '|',
            value = {
                "empty body||the body is empty",
                "json array|[1, 2]|must be a JSON object, not array",
                "json string|\"x\"|must be a JSON object, not string",
                "invalid json|{\"event\": |not valid JSON",
                "missing event|{\"data\": {\"id\": 1}}|\"event\" is missing",
                "event not a string|{\"event\": 1, \"data\": {\"id\": 1}}|\"event\" must be a string",
                "unknown event|{\"event\": \"job_started\", \"data\": {\"id\": 1}}|unknown event \"job_started\"",
                "missing data|{\"event\": \"created\"}|\"data\" must be a JSON object",
                "data not an object|{\"event\": \"created\", \"data\": [1]}|\"data\" must be a JSON object",
                "missing id|{\"event\": \"created\", \"data\": {}}|\"data.id\" must be a positive integer",
                "id as string|{\"event\": \"created\", \"data\": {\"id\": \"1\"}}|\"data.id\" must be a positive integer",
                "id fractional|{\"event\": \"created\", \"data\": {\"id\": 1.5}}|\"data.id\" must be a positive integer",
                "id zero|{\"event\": \"created\", \"data\": {\"id\": 0}}|\"data.id\" must be a positive integer",
                "id too large|{\"event\": \"created\", \"data\": {\"id\": 99999999999999999999}}|\"data.id\" must be a positive integer",
            })
    void badPayload_isRejectedWithAReadableReason(String name, String body, String reason) {
        assertThatThrownBy(() -> parse(body == null ? "" : body))
                .isInstanceOf(InvalidPayloadException.class)
                .hasMessageContaining(reason);
    }

    @Test
    void deeplyNestedJson_isRejectedBeforeItCanExhaustTheStack() {
        String deep =
                "{\"event\": \"created\", \"data\": {\"id\": 1, \"x\": "
                        + "[".repeat(10_000)
                        + "]".repeat(10_000)
                        + "}}";
        assertThatThrownBy(() -> parse(deep))
                .isInstanceOf(InvalidPayloadException.class)
                .hasMessageContaining("not valid JSON")
                .hasMessageContaining("nesting depth");
    }

    private NetboxEvent parse(String body) throws InvalidPayloadException {
        return parser.parse(body.getBytes(StandardCharsets.UTF_8));
    }
}
