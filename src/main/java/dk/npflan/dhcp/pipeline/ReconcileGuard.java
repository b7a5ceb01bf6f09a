package dk.npflan.dhcp.pipeline;

import dk.npflan.dhcp.rollout.HeldBundle;
import dk.npflan.dhcp.rollout.RolloutControl;
import dk.npflan.dhcp.rollout.RolloutControlStore;
import dk.npflan.dhcp.rollout.RolloutGuard;
import dk.npflan.dhcp.rollout.RolloutReport;
import java.time.Clock;
import java.util.Optional;
import org.jboss.logging.Logger;

/**
 * One reconcile's {@link RolloutGuard}: the {@link FailureMemory} over the shared {@link
 * RolloutControlStore}. The reconciler asks it first (to end with a typed outcome without touching
 * the roller), the roller again under the lock (another replica may have paused or held the bundle
 * meanwhile), and the roller tells it the outcome under the lock, which it writes to the store. It
 * remembers what it wrote, for the reconcile's audit events.
 */
final class ReconcileGuard implements RolloutGuard {

    private static final Logger LOG = Logger.getLogger(ReconcileGuard.class);

    private final RolloutControlStore store;
    private final FailureMemory memory;
    private final boolean force;
    private final Clock clock;
    private Optional<HeldBundle> heldBefore = Optional.empty();
    private Optional<HeldBundle> heldAfter = Optional.empty();
    private boolean ended;
    private RolloutControl seen = RolloutControl.NONE;

    ReconcileGuard(RolloutControlStore store, FailureMemory memory, boolean force, Clock clock) {
        this.store = store;
        this.memory = memory;
        this.force = force;
        this.clock = clock;
    }

    RolloutAdmission admission(String hash) {
        seen = store.read();
        return memory.admit(seen, hash, force, clock.instant());
    }

    /** The rollout control as this guard last read or wrote it. */
    RolloutControl seen() {
        return seen;
    }

    @Override
    public Optional<String> refusal(String hash) {
        RolloutAdmission admission = admission(hash);
        if (admission instanceof RolloutAdmission.Paused paused) {
            return Optional.of("rollouts are paused since " + paused.pause().since());
        }
        if (admission instanceof RolloutAdmission.Held held) {
            return Optional.of(
                    "this bundle is held after it "
                            + held.held().cause().label()
                            + " until "
                            + held.held().retryAt());
        }
        return Optional.empty();
    }

    @Override
    public void ended(RolloutReport report) {
        try {
            RolloutControl stored =
                    store.update(
                            c -> {
                                heldBefore = c.held();
                                return c.withHeld(memory.after(c.held(), report, clock.instant()));
                            });
            heldAfter = stored.held();
            seen = stored;
            ended = true;
        } catch (RuntimeException e) {
            // the rollout's own outcome stands; the bundle is only tried again sooner than it
            // should
            LOG.warnf(
                    "rollout %s: how it ended could not be remembered: %s",
                    report.rolloutId(), e.toString());
        }
    }

    /**
     * The pair already runs {@code hash}, so NetBox renders something other than a held bundle:
     * that hold ends (outside the lock: a hold of another hash written meanwhile is kept only if it
     * is of {@code hash}, and a released hash is at worst tried once more).
     *
     * @return the hold that ended, if any
     */
    Optional<HeldBundle> supersede(String hash) {
        try {
            RolloutControl stored =
                    store.update(
                            c -> {
                                heldBefore = c.held();
                                return c.held().filter(h -> !h.hash().equals(hash)).isPresent()
                                        ? c.withHeld(Optional.empty())
                                        : c;
                            });
            seen = stored;
            return stored.held().isEmpty() ? heldBefore : Optional.empty();
        } catch (RuntimeException e) {
            LOG.warnf("the hold superseded by %s could not be released: %s", hash, e.toString());
            return Optional.empty();
        }
    }

    /** The bundle this rollout's end made held (or held again), if any. */
    Optional<HeldBundle> newlyHeld() {
        return ended ? heldAfter.filter(h -> !heldBefore.equals(Optional.of(h))) : Optional.empty();
    }

    /** The held bundle this rollout's end released, if any. */
    Optional<HeldBundle> released() {
        return ended && heldAfter.isEmpty() ? heldBefore : Optional.empty();
    }
}
