package dk.npflan.dhcp.webhook;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoField;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Reads a NetBox webhook body of any version from 3.7 to 4.7 into a {@link NetboxEvent}. Only
 * {@code event} and {@code data.id} are required; everything else is optional, because the payload
 * has changed shape across NetBox versions (see docs/architecture.md, stage 1).
 */
public final class WebhookPayloadParser {

    /** NetBox bodies nest about six levels; anything far deeper is an attack, not a webhook. */
    static final int MAX_NESTING_DEPTH = 64;

    private static final Set<String> EVENTS = Set.of("created", "updated", "deleted");

    /** NetBox ≤ 4.4 sent a bare model name; 4.4+ sends {@code object_type}. */
    private static final Map<String, String> MODEL_TO_OBJECT_TYPE =
            Map.of(
                    "prefix", "ipam.prefix",
                    "iprange", "ipam.iprange",
                    "ipaddress", "ipam.ipaddress",
                    "vrf", "ipam.vrf",
                    "vlan", "ipam.vlan",
                    "macaddress", "dcim.macaddress",
                    "interface", "dcim.interface",
                    "device", "dcim.device",
                    "site", "dcim.site",
                    "vminterface", "virtualization.vminterface");

    /**
     * Both {@code 2026-08-20T09:14:03.151872+00:00} and the ≤ 3.6 form with a space for {@code T}.
     */
    private static final DateTimeFormatter NETBOX_TIMESTAMP =
            new DateTimeFormatterBuilder()
                    .append(DateTimeFormatter.ISO_LOCAL_DATE)
                    .optionalStart()
                    .appendLiteral('T')
                    .optionalEnd()
                    .optionalStart()
                    .appendLiteral(' ')
                    .optionalEnd()
                    .appendPattern("HH:mm:ss")
                    .optionalStart()
                    .appendFraction(ChronoField.NANO_OF_SECOND, 0, 9, true)
                    .optionalEnd()
                    .appendOffset("+HH:MM", "Z")
                    .toFormatter();

    private final ObjectMapper mapper;
    private final Clock clock;

    public WebhookPayloadParser(Clock clock) {
        JsonFactory factory =
                JsonFactory.builder()
                        .streamReadConstraints(
                                StreamReadConstraints.builder()
                                        .maxNestingDepth(MAX_NESTING_DEPTH)
                                        .build())
                        .build();
        this.mapper = new ObjectMapper(factory);
        this.clock = clock;
    }

    public NetboxEvent parse(byte[] body) throws InvalidPayloadException {
        if (body.length == 0) {
            throw new InvalidPayloadException(
                    "the body is empty; expected a NetBox webhook JSON object");
        }
        JsonNode root = readTree(body);
        if (!root.isObject()) {
            throw new InvalidPayloadException("the body must be a JSON object, not " + kind(root));
        }
        String event = requiredText(root, "event");
        if (!EVENTS.contains(event)) {
            throw new InvalidPayloadException(
                    "unknown event \""
                            + abbreviate(event)
                            + "\"; expected created, updated or deleted");
        }
        JsonNode data = root.get("data");
        if (data == null || !data.isObject()) {
            throw new InvalidPayloadException(
                    "\"data\" must be a JSON object holding the NetBox object");
        }
        JsonNode id = data.get("id");
        if (id == null || !id.isIntegralNumber() || !id.canConvertToLong() || id.asLong() < 1) {
            throw new InvalidPayloadException(
                    "\"data.id\" must be a positive integer (the NetBox object id)");
        }
        return new NetboxEvent(
                NetboxEvent.SCHEMA_VERSION,
                event,
                objectType(root),
                id.asLong(),
                firstText(root.path("request").path("id"), root.path("request_id")),
                firstText(root.path("request").path("user"), root.path("username")),
                timestamp(root.path("timestamp")),
                Instant.now(clock).toString(),
                data,
                root.path("snapshots").isObject() ? root.get("snapshots") : null);
    }

    private JsonNode readTree(byte[] body) throws InvalidPayloadException {
        try {
            JsonNode root = mapper.readTree(body);
            if (root == null || root.isMissingNode()) {
                throw new InvalidPayloadException("the body holds no JSON value");
            }
            return root;
        } catch (JsonProcessingException e) {
            throw new InvalidPayloadException(
                    "the body is not valid JSON: " + e.getOriginalMessage());
        } catch (IOException e) {
            throw new InvalidPayloadException("the body could not be read as JSON");
        }
    }

    private static String objectType(JsonNode root) {
        JsonNode objectType = root.path("object_type");
        if (objectType.isTextual()) {
            return objectType.asText();
        }
        JsonNode model = root.path("model");
        if (model.isTextual()) {
            return MODEL_TO_OBJECT_TYPE.getOrDefault(model.asText(), model.asText());
        }
        return null;
    }

    private static String requiredText(JsonNode root, String field) throws InvalidPayloadException {
        JsonNode node = root.get(field);
        if (node == null || node.isNull()) {
            throw new InvalidPayloadException("\"" + field + "\" is missing");
        }
        if (!node.isTextual()) {
            throw new InvalidPayloadException("\"" + field + "\" must be a string");
        }
        return node.asText();
    }

    private static String firstText(JsonNode preferred, JsonNode fallback) {
        if (preferred.isTextual()) {
            return preferred.asText();
        }
        return fallback.isTextual() ? fallback.asText() : null;
    }

    private static String timestamp(JsonNode node) {
        if (!node.isTextual()) {
            return null;
        }
        try {
            return OffsetDateTime.parse(node.asText(), NETBOX_TIMESTAMP).toString();
        } catch (DateTimeParseException unreadable) {
            return null;
        }
    }

    private static String kind(JsonNode node) {
        return node.getNodeType().name().toLowerCase(Locale.ROOT);
    }

    private static String abbreviate(String text) {
        return text.length() <= 40 ? text : text.substring(0, 40) + "…";
    }
}
