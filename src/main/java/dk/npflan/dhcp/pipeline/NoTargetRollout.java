package dk.npflan.dhcp.pipeline;

import dk.npflan.dhcp.config.RenderedConfig;
import dk.npflan.dhcp.rollout.RolloutControlStore;
import io.quarkus.arc.DefaultBean;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.Optional;

/**
 * The rollout used until a real target (Kubernetes or the local pair) is bound: the pipeline still
 * reads, renders and checks every change and audits the result, and says plainly that nothing was
 * published. Replaced by any other {@link ConfigRollout} bean.
 */
@DefaultBean
@ApplicationScoped
public class NoTargetRollout implements ConfigRollout {

    static final String REASON =
            "no rollout target is configured: the config was rendered and checked only";

    private final RolloutControlStore control = RolloutControlStore.inMemory();

    @Override
    public RolloutResult rollOut(RolloutRequest request) {
        return new RolloutResult.NoTarget(REASON);
    }

    @Override
    public Optional<RenderedConfig> published() {
        return Optional.empty();
    }

    @Override
    public List<PeerStatus> peers() {
        return List.of();
    }

    @Override
    public RolloutControlStore control() {
        return control;
    }
}
