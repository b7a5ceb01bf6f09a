package dk.npflan.dhcp.audit;

import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * One audit fact as CONTRACTS §4 defines it, written by the pipeline and by the roller alike: a
 * reverse-DNS {@code type}, the config hash it is about ({@code subject}, empty before a config was
 * rendered), when it happened, the rollout it belongs to (empty outside a rollout) and a small data
 * map. The map is published as is on {@code dhcp.audit}, so it must never hold a secret.
 */
public record AuditRecord(
        String type,
        Optional<String> subject,
        Instant time,
        Optional<String> rolloutId,
        Map<String, Object> data) {

    public AuditRecord {
        data = Collections.unmodifiableMap(new LinkedHashMap<>(data));
    }

    public static AuditRecord of(
            String type, String subject, Instant time, Map<String, Object> data) {
        return new AuditRecord(type, Optional.ofNullable(subject), time, Optional.empty(), data);
    }
}
