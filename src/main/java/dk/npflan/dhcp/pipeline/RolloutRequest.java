package dk.npflan.dhcp.pipeline;

import dk.npflan.dhcp.config.RenderedConfig;
import java.time.Instant;
import java.util.List;

/**
 * What the pipeline asks the rollout to do: the checked bundle, when it was generated, and the
 * NetBox request ids behind it (they go into the published objects' annotations). {@code
 * reconcileId} lets the roller's audit records point back to the reconcile.
 */
public record RolloutRequest(
        RenderedConfig bundle,
        Instant generatedAt,
        List<String> netboxRequestIds,
        String reconcileId) {

    public RolloutRequest {
        netboxRequestIds = List.copyOf(netboxRequestIds);
    }

    public String hash() {
        return bundle.sha256();
    }
}
