package dk.npflan.dhcp.pipeline;

import dk.npflan.dhcp.config.PeerRole;
import dk.npflan.dhcp.config.RenderedConfig;
import dk.npflan.dhcp.rollout.PeerUnreachableException;
import dk.npflan.dhcp.rollout.PublishMetadata;
import dk.npflan.dhcp.rollout.PublishedBundle;
import dk.npflan.dhcp.rollout.Roller;
import dk.npflan.dhcp.rollout.RolloutControlStore;
import dk.npflan.dhcp.rollout.RolloutReport;
import dk.npflan.dhcp.rollout.RolloutStatus;
import dk.npflan.dhcp.rollout.RolloutStop;
import dk.npflan.dhcp.rollout.RolloutTarget;
import dk.npflan.dhcp.rollout.StepReport;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * {@link ConfigRollout} over the real {@link Roller} and its {@link RolloutTarget}: the roller's
 * report becomes a typed {@link RolloutResult}, the target answers what is published, the peers'
 * agents how they are. A plain class; the service produces it once a target (Kubernetes or the
 * local pair) is bound. The rollout id is derived from the reconcile id, so the roller's step
 * records and the pipeline's events point at each other.
 */
public final class RollerRollout implements ConfigRollout {

    private final Roller roller;
    private final RolloutTarget target;
    private final RolloutControlStore control;
    private boolean repaired;

    /** Over a target whose rollouts only this process makes (its control stays in memory). */
    public RollerRollout(Roller roller, RolloutTarget target) {
        this(roller, target, RolloutControlStore.inMemory());
    }

    public RollerRollout(Roller roller, RolloutTarget target, RolloutControlStore control) {
        this.roller = roller;
        this.target = target;
        this.control = control;
    }

    @Override
    public RolloutResult rollOut(RolloutRequest request) {
        if (!repaired && !repairRefused(request)) {
            // the first rollout of this process: finish or undo whatever a killed one left
            RolloutReport repair = roller.repair("repair-" + request.reconcileId());
            repaired = repair.status() != RolloutStatus.RETRY_LATER;
        }
        RolloutReport report =
                roller.roll(
                        "rollout-" + request.reconcileId(),
                        request.bundle(),
                        new PublishMetadata(request.generatedAt(), request.netboxRequestIds()),
                        request.guard());
        return result(report);
    }

    @Override
    public Optional<RolloutResult> rePair() {
        RolloutReport report = roller.rePair("re-pair-" + UUID.randomUUID());
        return report.steps().isEmpty() ? Optional.empty() : Optional.of(result(report));
    }

    private RolloutResult result(RolloutReport report) {
        List<RolloutStepTiming> steps = report.steps().stream().map(RollerRollout::timing).toList();
        return switch (report.status()) {
            case COMPLETED -> new RolloutResult.Completed(report.hash(), steps);
            case SKIPPED -> new RolloutResult.AlreadyCurrent(report.hash(), steps);
            case ROLLED_BACK ->
                    new RolloutResult.RolledBack(
                            RolloutStop.of(report),
                            target.published().map(PublishedBundle::hash).orElse(null),
                            steps);
            case HALTED -> new RolloutResult.Halted(RolloutStop.of(report), steps);
            case RETRY_LATER -> new RolloutResult.RetryLater(RolloutStop.of(report), steps);
        };
    }

    /**
     * A repair resumes the published bundle: not while rollouts are paused, nor when that bundle is
     * held after a failure.
     */
    private boolean repairRefused(RolloutRequest request) {
        return target.published().flatMap(p -> request.guard().refusal(p.hash())).isPresent();
    }

    @Override
    public RolloutControlStore control() {
        return control;
    }

    @Override
    public Optional<RenderedConfig> published() {
        return target.published().map(PublishedBundle::bundle);
    }

    @Override
    public List<PeerStatus> peers() {
        List<PeerStatus> peers = new ArrayList<>();
        for (PeerRole role : List.of(PeerRole.PRIMARY, PeerRole.SECONDARY)) {
            try {
                peers.add(PeerStatus.of(target.peer(role).state()));
            } catch (PeerUnreachableException e) {
                peers.add(PeerStatus.unavailable(role.keyword(), e.getMessage()));
            }
        }
        return peers;
    }

    @Override
    public List<PeerPoolUsage> poolUsage() {
        List<PeerPoolUsage> usage = new ArrayList<>();
        for (PeerRole role : List.of(PeerRole.PRIMARY, PeerRole.SECONDARY)) {
            try {
                usage.add(
                        new PeerPoolUsage(
                                role.keyword(), target.peer(role).poolUsage(), Optional.empty()));
            } catch (PeerUnreachableException e) {
                usage.add(PeerPoolUsage.unavailable(role.keyword(), e.getMessage()));
            }
        }
        return usage;
    }

    private static RolloutStepTiming timing(StepReport step) {
        return new RolloutStepTiming(
                step.step().label(),
                step.peer().map(PeerRole::keyword),
                step.startedAt(),
                step.took(),
                step.outcome().kind().label(),
                step.outcome().detail());
    }
}
