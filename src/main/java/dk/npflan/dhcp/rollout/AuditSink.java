package dk.npflan.dhcp.rollout;

/**
 * Where the roller's audit records go. The pipeline sends them to Kafka {@code dhcp.audit} as
 * CloudEvents; until then {@link LoggingAuditSink} logs and counts them.
 */
public interface AuditSink {

    void record(AuditRecord record);
}
