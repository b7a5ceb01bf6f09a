package dk.npflan.dhcp.rollout;

import dk.npflan.dhcp.config.RenderedConfig;
import java.time.Instant;
import java.util.List;

/** A bundle as published, with what caused it. */
public record PublishedBundle(
        RenderedConfig bundle, Instant generatedAt, List<String> netboxRequestIds) {
    public String hash() {
        return bundle.sha256();
    }
}
