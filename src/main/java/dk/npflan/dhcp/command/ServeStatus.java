package dk.npflan.dhcp.command;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.util.List;

/**
 * The part of serve's {@code GET /status} document (built by {@code pipeline.StatusView}) that the
 * console commands read, bound by Jackson; unknown fields are ignored so serve may add some.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
record ServeStatus(
        String publishedHash,
        List<Peer> peers,
        Report lastReconcile,
        Report lastRollout,
        Report held,
        HeldBundle heldBundle,
        Pending pending,
        String rolloutError) {

    ServeStatus {
        peers = peers == null ? List.of() : List.copyOf(peers);
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    record Peer(
            String role,
            String runningHash,
            String mountedHash,
            String localState,
            String partnerState,
            boolean ready,
            String error) {}

    @JsonIgnoreProperties(ignoreUnknown = true)
    record Report(
            String reconcileId,
            String trigger,
            String startedAt,
            Long durationMillis,
            String outcome,
            String hash,
            String message,
            List<Step> steps) {

        Report {
            steps = steps == null ? List.of() : List.copyOf(steps);
        }
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    record Step(String step, String peer, Long durationMillis, String outcome, String detail) {}

    @JsonIgnoreProperties(ignoreUnknown = true)
    record HeldBundle(String heldHash, String cause, String reason, String retryAt) {}

    @JsonIgnoreProperties(ignoreUnknown = true)
    record Pending(int events, Double oldestAgeSeconds, boolean reconcileRunning) {}

    /** Both peers run the published hash and are ready. */
    boolean healthy() {
        return publishedHash != null
                && peers.size() == 2
                && peers.stream().allMatch(p -> p.ready() && publishedHash.equals(p.runningHash()));
    }

    /** A config waits for an operator: held by the sanity bound, or held after a failure. */
    boolean holdsConfig() {
        return held != null || heldBundle != null;
    }
}
