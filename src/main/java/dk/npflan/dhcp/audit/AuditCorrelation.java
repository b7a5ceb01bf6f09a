package dk.npflan.dhcp.audit;

import java.util.List;

/**
 * What caused the records written while a reconcile runs: its id (the Kafka key of all its audit
 * events, so they share a partition and stay in order) and the NetBox request ids and users of the
 * webhooks it covers. The sink adds these to every record, the roller's included, so each audit
 * event can be traced back to the NetBox change behind it.
 */
public record AuditCorrelation(String reconcileId, List<String> requestIds, List<String> users) {

    public AuditCorrelation {
        requestIds = List.copyOf(requestIds);
        users = List.copyOf(users);
    }
}
