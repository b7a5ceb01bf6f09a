package dk.npflan.dhcp.rollout;

import dk.npflan.dhcp.config.RenderedConfig;
import dk.npflan.dhcp.pipeline.ConfigRollout;
import dk.npflan.dhcp.pipeline.PeerStatus;
import dk.npflan.dhcp.pipeline.RollerRollout;
import dk.npflan.dhcp.pipeline.RolloutRequest;
import dk.npflan.dhcp.pipeline.RolloutResult;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Alternative;
import java.util.List;
import java.util.Optional;

/**
 * The pipeline's rollout over the real {@link Roller} and a {@link SimulatedPair}, for a Quarkus
 * test that needs what the roller itself does on the reconcile's thread (its step records through
 * the app's audit sink, its log lines), which {@code FakeConfigRollout} only imitates. The roller's
 * clock moves only when it sleeps, so a rollout takes milliseconds. No background re-pair: {@link
 * #rePair()} stays the interface's "nothing to do".
 */
@Alternative
@ApplicationScoped
public class SimulatedPairRollout implements ConfigRollout {

    private final RollerRollout rollout;

    public SimulatedPairRollout(AuditSink audit) {
        ManualTime time = new ManualTime();
        SimulatedPair pair = new SimulatedPair(RollerFixture.OLD.sha256());
        InMemoryTarget target =
                new InMemoryTarget(
                        pair, new PublishedBundle(RollerFixture.OLD, time.instant(), List.of()));
        Roller roller =
                new Roller(
                        target,
                        new InProcessRolloutLock(),
                        audit,
                        TestSettings.standard(),
                        time,
                        time);
        this.rollout = new RollerRollout(roller, target);
    }

    @Override
    public RolloutResult rollOut(RolloutRequest request) {
        return rollout.rollOut(request);
    }

    @Override
    public Optional<RenderedConfig> published() {
        return rollout.published();
    }

    @Override
    public List<PeerStatus> peers() {
        return rollout.peers();
    }

    @Override
    public RolloutControlStore control() {
        return rollout.control();
    }
}
