package dk.npflan.dhcp.rollout;

import dk.npflan.dhcp.config.PeerRole;
import java.util.ArrayList;
import java.util.List;

/**
 * Step 3 (and its rollback twin): getting a published bundle in front of the peers. Mounted config
 * is updated eventually by the platform; nudging makes it sooner, the deadline makes it bounded.
 */
final class Propagation {

    private final RolloutTarget target;
    private final RolloutSettings settings;
    private final PairWait waits;
    private final PairObserver observer;

    Propagation(
            RolloutTarget target, RolloutSettings settings, PairWait waits, PairObserver observer) {
        this.target = target;
        this.settings = settings;
        this.waits = waits;
        this.observer = observer;
    }

    /**
     * Step 3 for {@code roles}: nudge those that lag, then wait until all of them mount the hash.
     */
    StepOutcome await(List<PeerRole> roles, String hash) {
        PairObservation first = observer.observe();
        List<String> nudged = new ArrayList<>();
        List<PairCondition> mounted = new ArrayList<>();
        for (PeerRole role : roles) {
            MountedHashCondition condition = new MountedHashCondition(role, hash);
            mounted.add(condition);
            if (!(condition.evaluate(first) instanceof Verdict.Met)) {
                try {
                    target.peer(role).nudge(hash);
                    nudged.add(role.keyword());
                } catch (PeerUnreachableException e) {
                    nudged.add(role.keyword() + " (failed: " + e.getMessage() + ")");
                }
            }
        }
        PairWait.Result waited =
                waits.await(
                        observer::observe,
                        PairCondition.allOf(mounted.toArray(PairCondition[]::new)),
                        settings.propagationDeadline(),
                        settings.pollInterval());
        if (waited instanceof PairWait.Result.Met) {
            return StepOutcome.done(
                    StepReason.PROPAGATED, "mounted after " + waited.took() + "; nudged " + nudged);
        }
        if (waited instanceof PairWait.Result.TimedOut timedOut) {
            return StepOutcome.rollBack(
                    StepReason.PROPAGATION_DEADLINE,
                    timedOut.lastWhy()
                            + " after "
                            + settings.propagationDeadline()
                            + " (nudged "
                            + nudged
                            + "); last seen: "
                            + waited.last().describe());
        }
        return PeerRestart.interrupted(waited);
    }
}
