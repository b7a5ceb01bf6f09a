package dk.npflan.dhcp.pipeline;

import java.util.List;
import java.util.Objects;

/**
 * What one reconcile covers: its id, why it runs, whether an operator forced it past the sanity
 * bound, and every event that was pending when it started.
 */
public record ReconcileBatch(
        String reconcileId, Trigger trigger, boolean force, List<PendingEvent> events) {

    public ReconcileBatch {
        events = List.copyOf(events);
    }

    /** Distinct NetBox request ids, in arrival order. */
    public List<String> requestIds() {
        return events.stream()
                .map(PendingEvent::requestId)
                .filter(Objects::nonNull)
                .distinct()
                .toList();
    }

    /** Distinct NetBox users, in arrival order. */
    public List<String> users() {
        return events.stream().map(PendingEvent::user).filter(Objects::nonNull).distinct().toList();
    }
}
