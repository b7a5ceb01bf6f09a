package dk.npflan.dhcp.audit;

import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The last audit events this process sent, newest first, for the status page: what happened a
 * minute ago without a Kafka client. Bounded ({@link #SIZE}); the topic stays the durable record,
 * and a restarted process starts with an empty tail. Each entry keeps only a one-line summary of
 * the event's data, made from fields that never carry a secret.
 */
@ApplicationScoped
public class AuditTail {

    static final int SIZE = 30;
    private static final int MAX_SUMMARY = 160;

    /** Data fields worth a glance, in the order they are shown. */
    private static final List<String> SUMMARY_FIELDS =
            List.of("step", "peer", "outcome", "reason", "message", "trigger", "detail");

    /**
     * One event.
     *
     * @param type the CloudEvent type without {@link AuditTypes#PREFIX}
     * @param subject the config hash it concerns, if any
     * @param correlation its reconcile id (or rollout id outside a reconcile)
     */
    public record Entry(
            Instant time,
            String type,
            Optional<String> subject,
            Optional<String> correlation,
            String summary) {}

    private final Deque<Entry> entries = new ArrayDeque<>();

    void add(Instant time, String type, String subject, Map<String, Object> data) {
        String shortType =
                type.startsWith(AuditTypes.PREFIX)
                        ? type.substring(AuditTypes.PREFIX.length())
                        : type;
        Object correlation = data.getOrDefault("reconcileId", data.get("rolloutId"));
        Entry entry =
                new Entry(
                        time,
                        shortType,
                        Optional.ofNullable(subject),
                        Optional.ofNullable(correlation).map(String::valueOf),
                        summary(data));
        synchronized (entries) {
            entries.addFirst(entry);
            while (entries.size() > SIZE) {
                entries.removeLast();
            }
        }
    }

    /** Newest first. */
    public List<Entry> entries() {
        synchronized (entries) {
            return List.copyOf(entries);
        }
    }

    static String summary(Map<String, Object> data) {
        List<String> parts = new ArrayList<>();
        for (String field : SUMMARY_FIELDS) {
            Object value = data.get(field);
            if (value != null && !String.valueOf(value).isBlank()) {
                parts.add(field + "=" + value);
            }
        }
        String line = String.join(" ", parts).replaceAll("\\s+", " ").strip();
        return line.length() <= MAX_SUMMARY ? line : line.substring(0, MAX_SUMMARY - 1) + "…";
    }
}
