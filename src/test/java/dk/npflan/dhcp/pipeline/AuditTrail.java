package dk.npflan.dhcp.pipeline;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dk.npflan.dhcp.kafka.TopicReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;

/** Reads {@code dhcp.audit} back as CloudEvents (headers + JSON data) for assertions. */
final class AuditTrail implements AutoCloseable {

    /** One audit event as a consumer sees it. */
    record Event(String key, Map<String, String> headers, JsonNode data) {
        String type() {
            return headers.get("ce_type");
        }

        String reconcileId() {
            return data.path("reconcileId").asText();
        }

        boolean concerns(String requestId) {
            for (JsonNode id : data.path("netboxRequestIds")) {
                if (requestId.equals(id.asText())) {
                    return true;
                }
            }
            return false;
        }
    }

    private static final ObjectMapper JSON = new ObjectMapper();
    private final TopicReader reader = new TopicReader("dhcp.audit");

    long end() {
        return reader.endOffset();
    }

    List<Event> since(long offset) {
        return reader.readFrom(offset).stream().map(AuditTrail::event).toList();
    }

    /** Events of the reconciles that covered {@code requestId}, in topic order. */
    List<Event> forRequest(long offset, String requestId) {
        List<Event> all = since(offset);
        List<String> reconciles =
                all.stream()
                        .filter(e -> e.concerns(requestId))
                        .map(Event::reconcileId)
                        .distinct()
                        .toList();
        return all.stream().filter(e -> reconciles.contains(e.reconcileId())).toList();
    }

    /** Events of one reconcile, in topic order. */
    List<Event> forReconcile(long offset, String reconcileId) {
        return since(offset).stream().filter(e -> reconcileId.equals(e.reconcileId())).toList();
    }

    private static Event event(ConsumerRecord<String, String> record) {
        Map<String, String> headers = new LinkedHashMap<>();
        for (Header h : record.headers()) {
            headers.put(h.key(), new String(h.value(), StandardCharsets.UTF_8));
        }
        try {
            return new Event(record.key(), headers, JSON.readTree(record.value()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        reader.close();
    }
}
