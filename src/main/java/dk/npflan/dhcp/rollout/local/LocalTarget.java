package dk.npflan.dhcp.rollout.local;

import dk.npflan.dhcp.config.PeerRole;
import dk.npflan.dhcp.config.RenderedConfig;
import dk.npflan.dhcp.rollout.Peer;
import dk.npflan.dhcp.rollout.PublishMetadata;
import dk.npflan.dhcp.rollout.PublishedBundle;
import dk.npflan.dhcp.rollout.RolloutTarget;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The {@code local} rollout target: a {@link DirectoryTarget} over the {@link LocalPair}'s mounted
 * bundle directories, with the pair's agents (through {@link
 * dk.npflan.dhcp.rollout.agent.AgentClient}, the same HTTP client the Kubernetes target uses) as
 * the peers. Publishing is visible to the agents at once, so there is nothing to nudge.
 */
public final class LocalTarget implements RolloutTarget {

    private final DirectoryTarget directory;

    /**
     * @param fileNames the pair's backend's bundle files, in hash order
     */
    public LocalTarget(LocalPair pair, int historySize, List<String> fileNames) {
        this.directory =
                new DirectoryTarget(
                        List.of(
                                pair.bundleDir(PeerRole.PRIMARY),
                                pair.bundleDir(PeerRole.SECONDARY)),
                        pair.stateDir(),
                        Map.of(
                                PeerRole.PRIMARY, pair.agent(PeerRole.PRIMARY),
                                PeerRole.SECONDARY, pair.agent(PeerRole.SECONDARY)),
                        historySize,
                        fileNames);
    }

    @Override
    public Optional<PublishedBundle> published() {
        return directory.published();
    }

    @Override
    public PublishedBundle publish(RenderedConfig bundle, PublishMetadata metadata) {
        return directory.publish(bundle, metadata);
    }

    @Override
    public Optional<PublishedBundle> lastGood() {
        return directory.lastGood();
    }

    @Override
    public void recordLastGood(PublishedBundle bundle) {
        directory.recordLastGood(bundle);
    }

    @Override
    public Peer peer(PeerRole role) {
        return directory.peer(role);
    }
}
