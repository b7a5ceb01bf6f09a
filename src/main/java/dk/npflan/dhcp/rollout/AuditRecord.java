package dk.npflan.dhcp.rollout;

import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One audit record: what happened ({@code type}, reverse-DNS), to which config ({@code subject} =
 * config hash), when, in which rollout, and the details in {@code data} (never a secret). Shaped so
 * that it maps one-to-one onto a CloudEvent.
 */
public record AuditRecord(
        String type, String subject, Instant time, String rolloutId, Map<String, Object> data) {

    public AuditRecord {
        data = Collections.unmodifiableMap(new LinkedHashMap<>(data));
    }
}
