package dk.npflan.dhcp.rollout;

import dk.npflan.dhcp.audit.AuditRecord;

/**
 * Where the roller's step records go (CONTRACTS §4). The roller knows nothing of Kafka; the service
 * binds this to {@code audit.KafkaAuditSink}, which publishes each record as a CloudEvent on {@code
 * dhcp.audit}.
 */
public interface AuditSink {

    void record(AuditRecord record);
}
