package dk.npflan.dhcp.pipeline;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Everything one reconcile did, as {@code /status} and the status page show it. {@code recorded}
 * says whether its audit events reached the broker; only then are its Kafka records acknowledged.
 * {@code retry} asks for another attempt after the retry delay (NetBox was unreachable, not
 * misconfigured).
 */
public record ReconcileReport(
        String reconcileId,
        Trigger trigger,
        boolean force,
        Instant startedAt,
        Duration took,
        ReconcileOutcome outcome,
        Optional<String> hash,
        int events,
        List<String> requestIds,
        List<String> users,
        String message,
        Optional<SubnetDiff> diff,
        List<RolloutStepTiming> steps,
        List<Map<String, Object>> errors,
        boolean recorded,
        boolean retry) {

    public ReconcileReport {
        requestIds = List.copyOf(requestIds);
        users = List.copyOf(users);
        steps = List.copyOf(steps);
        errors = List.copyOf(errors);
    }
}
