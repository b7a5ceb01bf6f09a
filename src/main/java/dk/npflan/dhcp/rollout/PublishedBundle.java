package dk.npflan.dhcp.rollout;

import dk.npflan.dhcp.config.RenderedConfig;
import java.time.Instant;
import java.util.List;

/**
 * A bundle as it sits on the platform, with what caused it: the audit trail and a rollback both
 * need to know which NetBox requests a config came from and when it was generated.
 */
public record PublishedBundle(
        RenderedConfig bundle, Instant generatedAt, List<String> netboxRequestIds) {

    public PublishedBundle {
        netboxRequestIds = List.copyOf(netboxRequestIds);
    }

    /** The config hash ({@link RenderedConfig#sha256()}), the identity everywhere. */
    public String hash() {
        return bundle.sha256();
    }
}
