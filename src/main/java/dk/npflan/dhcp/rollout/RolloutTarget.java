package dk.npflan.dhcp.rollout;

import dk.npflan.dhcp.config.PeerRole;
import dk.npflan.dhcp.config.RenderedConfig;
import java.util.Optional;

/**
 * Where bundles are published and peers are found: {@code kubernetes} (ConfigMap + pods) or {@code
 * local} (the pair on this machine). It exists so that the {@link Roller} is the same code on every
 * platform: everything that knows about ConfigMaps, pods, directories or HTTP sits behind it.
 */
public interface RolloutTarget {

    /** What is published now (hash + files), empty if nothing yet. */
    Optional<PublishedBundle> published();

    /**
     * Publishes with optimistic locking; retries internally on conflict up to a bound, then throws
     * {@link PublishConflictException}.
     */
    PublishedBundle publish(RenderedConfig bundle, PublishMetadata metadata);

    /** Last good bundle recorded by the roller (for rollback), empty before the first one. */
    Optional<PublishedBundle> lastGood();

    /** Records a new last good bundle (the target keeps a short history). */
    void recordLastGood(PublishedBundle bundle);

    /** One of the two peers. */
    Peer peer(PeerRole role);
}
