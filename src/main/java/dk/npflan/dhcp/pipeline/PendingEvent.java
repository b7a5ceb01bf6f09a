package dk.npflan.dhcp.pipeline;

import java.time.Instant;

/**
 * One NetBox event from {@code netbox.events} waiting for a reconcile: what the audit trail needs
 * of it (key, request id, user) and how to acknowledge its Kafka record once the reconcile's
 * outcome is recorded.
 */
public record PendingEvent(
        String key, String event, String requestId, String user, Instant arrivedAt, Runnable ack) {}
