package dk.npflan.dhcp.command;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * How {@code audit} prints one audit event, as pure functions of an {@link AuditEvent}: a line for
 * a person ({@link #human}: time, type, short config hash, and what the event says in a few words
 * picked per type) or one JSON object for {@code jq} ({@link #json}: the CloudEvent in its JSON
 * format). Kept apart from the Kafka reading so that every type's summary is unit-tested.
 */
final class AuditLine {

    /** The reverse-DNS prefix of every audit type, left out of the human line. */
    static final String TYPE_PREFIX = "dk.npflan.netbox-dhcpd.";

    /** Characters of the config hash (the subject) shown, as {@code git log --oneline} does. */
    static final int HASH_CHARS = 12;

    /** Longest summary of an event without a dedicated one (compact JSON of its data). */
    static final int MAX_SUMMARY = 200;

    /** Prefixes (per diff side) or request ids listed before the rest is only counted. */
    static final int MAX_LISTED = 10;

    /** The correlation every event of a reconcile carries: the Kafka key and headers say it. */
    private static final Set<String> CORRELATION =
            Set.of("reconcileId", "rolloutId", "netboxRequestIds", "netboxUsers");

    private static final ObjectMapper JSON = new ObjectMapper();

    private AuditLine() {}

    /**
     * {@code <time> <type> <hash> <summary>}, type without {@link #TYPE_PREFIX}, {@code -} for a
     * missing attribute; always one line (line breaks in the data become spaces).
     */
    static String human(AuditEvent event) {
        String type = event.attribute("type").orElse("-");
        String shortType =
                type.startsWith(TYPE_PREFIX) ? type.substring(TYPE_PREFIX.length()) : type;
        String hash =
                event.attribute("subject")
                        .map(s -> s.length() > HASH_CHARS ? s.substring(0, HASH_CHARS) : s)
                        .orElse("-");
        String line =
                String.format(
                        Locale.ROOT,
                        "%s %-22s %-" + HASH_CHARS + "s %s",
                        event.attribute("time").orElse("-"),
                        shortType,
                        hash,
                        summary(shortType, event.data()));
        return oneLine(line).stripTrailing();
    }

    /** What the data says, chosen by the type (without prefix). */
    static String summary(String type, String data) {
        Optional<ObjectNode> parsed = parse(data);
        if (parsed.isEmpty()) {
            return data == null ? "-" : truncate(data);
        }
        ObjectNode fields = parsed.get();
        if (type.startsWith("rollout.step.")) {
            return step(type, fields);
        }
        if (type.startsWith("reconcile.")) {
            return reconcile(fields);
        }
        if (type.equals("config.rendered")) {
            return rendered(fields);
        }
        ObjectNode facts = fields.deepCopy();
        facts.remove(CORRELATION);
        return truncate(facts.toString());
    }

    /**
     * The CloudEvent in its JSON format: every attribute, {@code partitionkey} (the Kafka key, as
     * the CloudEvents Kafka binding names it) and {@code data} (JSON when it parses, else text).
     */
    static String json(AuditEvent event) {
        ObjectNode node = JSON.createObjectNode();
        event.attributes().forEach(node::put);
        event.key().ifPresent(key -> node.put("partitionkey", key));
        if (event.data() == null) {
            node.putNull("data");
        } else {
            try {
                node.set("data", JSON.readTree(event.data()));
            } catch (JsonProcessingException e) {
                node.put("data", event.data());
            }
        }
        return node.toString();
    }

    /** {@code step=… peer=… outcome=… took=…ms}, the reason when not done, both peers' states. */
    private static String step(String type, ObjectNode data) {
        List<String> parts = new ArrayList<>();
        field(parts, "step", data, "step");
        field(parts, "peer", data, "peer");
        String outcome =
                type.equals("rollout.step.started") ? "started" : text(data, "outcome").orElse("");
        if (!outcome.isEmpty()) {
            parts.add("outcome=" + outcome);
        }
        text(data, "durationMillis").ifPresent(ms -> parts.add("took=" + ms + "ms"));
        if (!outcome.equals("done") && !outcome.equals("started")) {
            field(parts, "reason", data, "reason");
            quoted(parts, "detail", data, "detail");
        }
        JsonNode failover = data.path("failover");
        for (String role : List.of("secondary", "primary")) {
            JsonNode peer = failover.path(role);
            if (peer.has("unreachable")) {
                parts.add(role + "=unreachable");
            } else if (peer.has("localState")) {
                parts.add(
                        role
                                + "="
                                + peer.path("localState").asText()
                                + "/"
                                + peer.path("partnerState").asText());
            }
        }
        return String.join(" ", parts);
    }

    /** {@code trigger=… outcome=… events=… took=… requests=…}, what failed, the message. */
    private static String reconcile(ObjectNode data) {
        List<String> parts = new ArrayList<>();
        field(parts, "trigger", data, "trigger");
        field(parts, "outcome", data, "outcome");
        field(parts, "events", data, "events");
        text(data, "durationMillis").ifPresent(ms -> parts.add("took=" + ms + "ms"));
        field(parts, "stage", data, "stage");
        field(parts, "problem", data, "problem");
        List<String> requests = texts(data.path("netboxRequestIds"));
        if (!requests.isEmpty()) {
            parts.add("requests=" + bounded(requests));
        }
        quoted(parts, "message", data, "message");
        return String.join(" ", parts);
    }

    /** {@code subnets=… pools=… reports=… added=[…] removed=[…] changed=[…]}. */
    private static String rendered(ObjectNode data) {
        List<String> parts = new ArrayList<>();
        field(parts, "subnets", data, "subnets");
        field(parts, "pools", data, "pools");
        field(parts, "reports", data, "reports");
        for (String side : List.of("added", "removed", "changed")) {
            parts.add(side + "=" + bounded(texts(data.path(side))));
        }
        return String.join(" ", parts);
    }

    /** {@code [a,b]}; past {@link #MAX_LISTED} the rest is counted: {@code [a,…,j,+5 more]}. */
    static String bounded(List<String> all) {
        if (all.size() <= MAX_LISTED) {
            return "[" + String.join(",", all) + "]";
        }
        return "["
                + String.join(",", all.subList(0, MAX_LISTED))
                + ",+"
                + (all.size() - MAX_LISTED)
                + " more]";
    }

    private static void field(List<String> parts, String label, JsonNode data, String name) {
        text(data, name).ifPresent(value -> parts.add(label + "=" + value));
    }

    private static void quoted(List<String> parts, String label, JsonNode data, String name) {
        text(data, name).ifPresent(value -> parts.add(label + "=\"" + value + "\""));
    }

    /** A scalar field as text; empty when absent, null, empty or not a scalar. */
    private static Optional<String> text(JsonNode data, String name) {
        JsonNode value = data.path(name);
        if (!value.isValueNode() || value.isNull()) {
            return Optional.empty();
        }
        return Optional.of(value.asText()).filter(s -> !s.isEmpty());
    }

    private static List<String> texts(JsonNode array) {
        List<String> values = new ArrayList<>();
        array.forEach(v -> values.add(v.isValueNode() ? v.asText() : v.toString()));
        return values;
    }

    private static Optional<ObjectNode> parse(String data) {
        if (data == null) {
            return Optional.empty();
        }
        try {
            return JSON.readTree(data) instanceof ObjectNode object
                    ? Optional.of(object)
                    : Optional.empty();
        } catch (JsonProcessingException e) {
            return Optional.empty();
        }
    }

    private static String truncate(String text) {
        return text.length() <= MAX_SUMMARY ? text : text.substring(0, MAX_SUMMARY - 1) + "…";
    }

    private static String oneLine(String text) {
        return text.replaceAll("[\\r\\n\\t]+", " ");
    }
}
