package dk.npflan.dhcp.rollout;

import dk.npflan.dhcp.config.PeerRole;
import dk.npflan.dhcp.config.RenderedConfig;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A {@link RolloutTarget} in memory over a {@link SimulatedPair}. Publishing uses a version number
 * like a ConfigMap's resourceVersion: a scripted "storm" of foreign writes makes each attempt lose,
 * and after {@link #maxAttempts} it gives up as the contract says.
 */
final class InMemoryTarget implements RolloutTarget {

    private final SimulatedPair pair;
    private PublishedBundle published;
    private PublishedBundle lastGood;
    private final List<String> history = new ArrayList<>();
    private final List<String> publishes = new ArrayList<>();
    private long version;
    int maxAttempts = 5;
    int conflictStorm;
    int publishAttempts;
    boolean failRecording;

    InMemoryTarget(SimulatedPair pair, PublishedBundle running) {
        this.pair = pair;
        this.published = running;
        this.lastGood = running;
    }

    @Override
    public synchronized Optional<PublishedBundle> published() {
        return Optional.ofNullable(published);
    }

    @Override
    public synchronized PublishedBundle publish(RenderedConfig bundle, PublishMetadata metadata) {
        for (int attempt = 1; attempt <= maxAttempts; attempt++) {
            publishAttempts++;
            long read = version;
            if (conflictStorm > 0) {
                conflictStorm--;
                version++; // someone else wrote between our read and our update
            }
            if (read != version) {
                continue;
            }
            version++;
            published =
                    new PublishedBundle(
                            bundle, metadata.generatedAt(), metadata.netboxRequestIds());
            publishes.add(bundle.sha256());
            pair.project(bundle.sha256());
            return published;
        }
        throw new PublishConflictException(
                "ConfigMap dhcpd-config changed under us on each of " + maxAttempts + " attempts");
    }

    @Override
    public synchronized Optional<PublishedBundle> lastGood() {
        return Optional.ofNullable(lastGood);
    }

    @Override
    public synchronized void recordLastGood(PublishedBundle bundle) {
        if (failRecording) {
            throw new IllegalStateException("history ConfigMap: 500 Internal Server Error");
        }
        lastGood = bundle;
        history.add(bundle.hash());
    }

    @Override
    public Peer peer(PeerRole role) {
        return pair.peer(role);
    }

    synchronized List<String> publishes() {
        return List.copyOf(publishes);
    }

    synchronized List<String> lastGoodHistory() {
        return List.copyOf(history);
    }

    /** Forgets the last good bundle (a first rollout ever). */
    synchronized void forgetLastGood() {
        lastGood = null;
    }
}
