package dk.npflan.dhcp.pipeline;

import dk.npflan.dhcp.config.RenderedConfig;
import dk.npflan.dhcp.rollout.RolloutControlStore;
import java.util.List;
import java.util.Optional;

/**
 * The pipeline's one seam to the rollout: publish a checked bundle and restart the pair, say what
 * is published, say how the peers are. The pipeline knows nothing of the roller, Kubernetes or the
 * local pair; the service binds this to the real roller (see {@link NoTargetRollout} for the
 * fallback), tests to a fake.
 */
public interface ConfigRollout {

    /**
     * Publishes {@code request.bundle()} and rolls it out to both peers; blocks until done. Never
     * throws for an expected failure: the outcome is typed.
     */
    RolloutResult rollOut(RolloutRequest request);

    /** The bundle published now, empty before the first publish. */
    Optional<RenderedConfig> published();

    /** Both peers as seen now (for {@code /status}); a peer that cannot be asked says so. */
    List<PeerStatus> peers();

    /**
     * Where the pause and the held bundle live for this target, shared by every replica that rolls
     * out to the same pair.
     */
    RolloutControlStore control();

    /**
     * The background re-pair check: a peer that holds its partner's old address (a recreated
     * partner) is restarted in place. Empty when there was nothing to do (no step, no audit
     * record); blocks while it re-pairs.
     */
    default Optional<RolloutResult> rePair() {
        return Optional.empty();
    }

    /**
     * Both peers' pool counts as their agents report them now (blocking, bounded by the agents'
     * timeouts); {@link PoolUsageCache} calls it off the request thread. Empty without a pair.
     */
    default List<PeerPoolUsage> poolUsage() {
        return List.of();
    }
}
