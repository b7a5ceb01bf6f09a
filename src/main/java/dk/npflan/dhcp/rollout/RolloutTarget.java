package dk.npflan.dhcp.rollout;

import dk.npflan.dhcp.config.PeerRole;
import dk.npflan.dhcp.config.RenderedConfig;
import java.util.Optional;

/**
 * Where bundles are published and peers are found: {@code kubernetes} (ConfigMap + pods) or {@code
 * local} (pair on this machine).
 */
public interface RolloutTarget {
    /** What is published now (hash + files), empty if nothing yet. */
    Optional<PublishedBundle> published();

    /**
     * Publishes with optimistic locking; retries internally on conflict up to a bound, then throws
     * PublishConflictException.
     */
    PublishedBundle publish(RenderedConfig bundle, PublishMetadata metadata);

    /** Last good bundle recorded by the roller (for rollback). */
    Optional<PublishedBundle> lastGood();

    /** Records a new last good bundle (keeps a short history). */
    void recordLastGood(PublishedBundle bundle);

    /** The two peers. */
    Peer peer(PeerRole role);
}
