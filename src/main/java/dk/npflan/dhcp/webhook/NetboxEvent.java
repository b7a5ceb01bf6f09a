package dk.npflan.dhcp.webhook;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * The normalized envelope we put on {@code netbox.events}: the same fields whatever NetBox version
 * (3.7 – 4.7) sent the webhook. It is a trigger for a rebuild, not data to apply; {@code data} and
 * {@code snapshots} travel along for the audit trail and for debugging only.
 *
 * @param schemaVersion version of this envelope, bumped on incompatible changes
 * @param event created, updated or deleted
 * @param objectType NetBox object type such as {@code ipam.prefix} (mapped from {@code model} on ≤
 *     4.4)
 * @param objectId {@code data.id}
 * @param requestId NetBox request id ({@code request.id} or {@code request_id}), shared by a bulk
 *     edit
 * @param user NetBox user ({@code request.user} or {@code username})
 * @param netboxTimestamp when NetBox queued the webhook, ISO-8601, or null if absent or unreadable
 * @param receivedAt when we received it, ISO-8601 UTC
 */
public record NetboxEvent(
        int schemaVersion,
        String event,
        String objectType,
        long objectId,
        String requestId,
        String user,
        String netboxTimestamp,
        String receivedAt,
        JsonNode data,
        JsonNode snapshots) {

    public static final int SCHEMA_VERSION = 1;

    /**
     * The Kafka record key: all events of one NetBox object share a partition and stay in order.
     */
    public String key() {
        return objectType + ":" + objectId;
    }
}
