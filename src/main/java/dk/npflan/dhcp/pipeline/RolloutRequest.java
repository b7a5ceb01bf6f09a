package dk.npflan.dhcp.pipeline;

import dk.npflan.dhcp.config.RenderedConfig;
import dk.npflan.dhcp.rollout.RolloutGuard;
import java.time.Instant;
import java.util.List;

/**
 * What the pipeline asks the rollout to do: the checked bundle, when it was generated, and the
 * NetBox request ids behind it (they go into the published objects' annotations). {@code
 * reconcileId} lets the roller's audit records point back to the reconcile; {@code guard} is asked
 * under the rollout lock (the pause, the failure memory).
 */
public record RolloutRequest(
        RenderedConfig bundle,
        Instant generatedAt,
        List<String> netboxRequestIds,
        String reconcileId,
        RolloutGuard guard) {

    public RolloutRequest {
        netboxRequestIds = List.copyOf(netboxRequestIds);
    }

    /** A request without a guard: every rollout may start. */
    public RolloutRequest(
            RenderedConfig bundle,
            Instant generatedAt,
            List<String> netboxRequestIds,
            String reconcileId) {
        this(bundle, generatedAt, netboxRequestIds, reconcileId, RolloutGuard.NONE);
    }

    public String hash() {
        return bundle.sha256();
    }
}
