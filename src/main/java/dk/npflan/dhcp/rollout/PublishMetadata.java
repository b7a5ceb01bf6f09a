package dk.npflan.dhcp.rollout;

import java.time.Instant;
import java.util.List;

/**
 * What is published alongside a bundle (ConfigMap annotations on Kubernetes): when it was generated
 * and the NetBox request ids that caused it.
 */
public record PublishMetadata(Instant generatedAt, List<String> netboxRequestIds) {

    public PublishMetadata {
        netboxRequestIds = List.copyOf(netboxRequestIds);
    }

    /**
     * A bundle no NetBox snapshot produced (the embedded pair's bootstrap): dated at the epoch, as
     * a ConfigMap without the generated-at annotation reads, so the first real snapshot replaces it
     * instead of being refused as older.
     */
    public static PublishMetadata bootstrap() {
        return new PublishMetadata(Instant.EPOCH, List.of("bootstrap"));
    }

    /** The metadata a bundle was published with, to publish it again (rollback). */
    public static PublishMetadata of(PublishedBundle bundle) {
        return new PublishMetadata(bundle.generatedAt(), bundle.netboxRequestIds());
    }
}
