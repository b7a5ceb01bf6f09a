package dk.npflan.dhcp.command;

import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * One record of the audit topic as {@code audit} read it: the CloudEvent attributes from its Kafka
 * binary-mode headers ({@code ce_type} → {@code type}, {@code content-type} → {@code
 * datacontenttype}), its Kafka key (the reconcile id) and its value (the JSON {@code data}, as
 * text). A value, so that how a record is printed ({@link AuditLine}) is tested without a broker.
 */
public record AuditEvent(Optional<String> key, Map<String, String> attributes, String data) {

    /** The header prefix of a CloudEvent attribute in Kafka binary mode. */
    static final String HEADER_PREFIX = "ce_";

    /** The binary-mode header that carries {@code datacontenttype}. */
    static final String CONTENT_TYPE_HEADER = "content-type";

    public AuditEvent {
        attributes = Map.copyOf(attributes);
    }

    /**
     * The event of a record with {@code headers} (name → UTF-8 value): every {@code ce_*} header
     * and {@code content-type} become attributes, other headers are not part of the event.
     */
    public static AuditEvent of(String key, Map<String, String> headers, String value) {
        Map<String, String> attributes = new TreeMap<>();
        headers.forEach(
                (name, text) -> {
                    if (name.startsWith(HEADER_PREFIX) && name.length() > HEADER_PREFIX.length()) {
                        attributes.put(name.substring(HEADER_PREFIX.length()), text);
                    } else if (name.equalsIgnoreCase(CONTENT_TYPE_HEADER)) {
                        attributes.put("datacontenttype", text);
                    }
                });
        return new AuditEvent(Optional.ofNullable(key), attributes, value);
    }

    /** An attribute ({@code type}, {@code time}, {@code subject}, …), if the record has it. */
    public Optional<String> attribute(String name) {
        return Optional.ofNullable(attributes.get(name)).filter(v -> !v.isEmpty());
    }
}
