package dk.npflan.dhcp.rollout;

import static org.assertj.core.api.Assertions.assertThat;

import dk.npflan.dhcp.pipeline.PeerStatus;
import dk.npflan.dhcp.pipeline.RollerRollout;
import dk.npflan.dhcp.pipeline.RolloutRequest;
import dk.npflan.dhcp.pipeline.RolloutResult;
import dk.npflan.dhcp.pipeline.RolloutStepTiming;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The pipeline's {@code ConfigRollout} over the real roller and a simulated pair. */
class RollerRolloutTest {

    private final RollerFixture f = new RollerFixture();
    private final RollerRollout rollout = new RollerRollout(f.roller(), f.target);

    private RolloutResult rollNew() {
        return rollout.rollOut(
                new RolloutRequest(RollerFixture.NEW, f.time.instant(), List.of("req-1"), "rec-1"));
    }

    @Test
    void completedRollout_isCompletedWithTheRollersStepsAndTheNewBundlePublished() {
        RolloutResult result = rollNew();

        assertThat(result).isInstanceOf(RolloutResult.Completed.class);
        assertThat(((RolloutResult.Completed) result).hash()).isEqualTo(f.newHash());
        assertThat(result.steps()).extracting(RolloutStepTiming::name).contains("publish");
        assertThat(result.steps())
                .filteredOn(s -> s.peer().isPresent())
                .extracting(s -> s.peer().get())
                .contains("secondary", "primary");
        assertThat(rollout.published()).contains(RollerFixture.NEW);
        assertThat(f.audit.records())
                .filteredOn(r -> !r.rolloutId().startsWith("repair-"))
                .isNotEmpty()
                .allSatisfy(r -> assertThat(r.rolloutId()).isEqualTo("rollout-rec-1"));
    }

    @Test
    void firstRolloutOfTheProcess_repairsFirst_laterOnesDoNot() {
        rollNew();
        int afterFirst = f.audit.records().size();
        assertThat(f.audit.records().get(0).rolloutId()).isEqualTo("repair-rec-1");

        rollout.rollOut(
                new RolloutRequest(RollerFixture.NEW, f.time.instant(), List.of("req-2"), "rec-2"));

        assertThat(f.audit.records().subList(afterFirst, f.audit.records().size()))
                .noneMatch(r -> r.rolloutId().startsWith("repair-"));
    }

    @Test
    void peers_reportHashesAndFailoverStatesByDhcpdName() {
        rollNew();

        assertThat(rollout.peers())
                .extracting(PeerStatus::role)
                .containsExactly("primary", "secondary");
        assertThat(rollout.peers())
                .allSatisfy(
                        p -> {
                            assertThat(p.runningHash()).contains(f.newHash());
                            assertThat(p.localState()).contains("normal");
                            assertThat(p.partnerState()).contains("normal");
                            assertThat(p.error()).isEmpty();
                        });
    }

    @Test
    void unreachableAgent_isDeferred_andThePeerShowsTheError() {
        f.pair.secondary().unreachable = true;

        assertThat(rollNew()).isInstanceOf(RolloutResult.RetryLater.class);
        PeerStatus secondary = rollout.peers().get(1);
        assertThat(secondary.ready()).isFalse();
        assertThat(secondary.error()).hasValueSatisfying(e -> assertThat(e).contains("refused"));
    }

    /** Remembers failed hashes as the pipeline's guard does, and whether the lock was held. */
    private final class RememberingGuard implements RolloutGuard {
        final Set<String> failed = new HashSet<>();
        final List<Boolean> lockHeldAtEnd = new ArrayList<>();

        @Override
        public Optional<String> refusal(String hash) {
            return failed.contains(hash)
                    ? Optional.of("held after it rolled back")
                    : Optional.empty();
        }

        @Override
        public void ended(RolloutReport report) {
            lockHeldAtEnd.add(f.lock.acquire("probe", Duration.ZERO).isEmpty());
            if (report.status() == RolloutStatus.ROLLED_BACK) {
                failed.add(report.hash());
            }
        }
    }

    private RolloutResult rollNew(String reconcileId, RolloutGuard guard) {
        return rollout.rollOut(
                new RolloutRequest(
                        RollerFixture.NEW, f.time.instant(), List.of("req-1"), reconcileId, guard));
    }

    @Test
    void rolledBackBundle_rolledAgainWithTheGuard_isRefusedUnderTheLock_noSecondRestart() {
        f.pair.secondary().on(f.newHash(), SimulatedPair.Behaviour.REJECT);
        RememberingGuard guard = new RememberingGuard();
        assertThat(rollNew("rec-1", guard)).isInstanceOf(RolloutResult.RolledBack.class);
        int restarts = f.pair.realRestarts().size();
        int publishes = f.target.publishes().size();
        assertThat(guard.lockHeldAtEnd).containsExactly(true);

        RolloutResult again = rollNew("rec-2", guard);

        assertThat(again).isInstanceOf(RolloutResult.RetryLater.class);
        assertThat(((RolloutResult.RetryLater) again).stop().text())
                .contains("held after it rolled back");
        assertThat(again.steps())
                .extracting(RolloutStepTiming::name)
                .containsExactly("lock", "admit");
        assertThat(f.pair.realRestarts()).hasSize(restarts);
        assertThat(f.target.publishes()).hasSize(publishes);
    }

    @Test
    void firstRolloutOfTheProcess_skipsTheRepairWhileTheGuardRefusesThePublishedBundle() {
        RolloutGuard paused =
                new RolloutGuard() {
                    @Override
                    public Optional<String> refusal(String hash) {
                        return Optional.of("rollouts are paused");
                    }

                    @Override
                    public void ended(RolloutReport report) {}
                };

        assertThat(rollNew("rec-1", paused)).isInstanceOf(RolloutResult.RetryLater.class);

        assertThat(f.audit.records()).noneMatch(r -> r.rolloutId().startsWith("repair-"));
        assertThat(f.pair.realRestarts()).isEmpty();
    }

    @Test
    void secondaryRejectingTheConfig_isRolledBackToTheOldHash() {
        f.pair.secondary().on(f.newHash(), SimulatedPair.Behaviour.REJECT);

        RolloutResult result = rollNew();

        assertThat(result).isInstanceOf(RolloutResult.RolledBack.class);
        assertThat(((RolloutResult.RolledBack) result).restoredHash()).isEqualTo(f.oldHash());
    }

    @Test
    void rolledBackResult_carriesTheRollersTypedReason_theStepAndThePeer() {
        f.pair.secondary().on(f.newHash(), SimulatedPair.Behaviour.REJECT);

        RolloutStop stop = ((RolloutResult.RolledBack) rollNew()).stop();

        assertThat(stop.reason()).isEqualTo(StepReason.CONFIG_REJECTED);
        assertThat(stop.code()).isEqualTo("config-rejected");
        assertThat(stop.peer()).contains(dk.npflan.dhcp.config.PeerRole.SECONDARY);
        assertThat(stop.step()).isPresent();
        assertThat(stop.text()).startsWith(stop.step().get().label() + "[secondary] roll-back");
    }

    @Test
    void rollingOutWhatBothPeersAlreadyRun_isAlreadyCurrent_notCompleted() {
        assertThat(rollNew()).isInstanceOf(RolloutResult.Completed.class);

        RolloutResult again =
                rollout.rollOut(
                        new RolloutRequest(
                                RollerFixture.NEW, f.time.instant(), List.of("req-2"), "rec-2"));

        assertThat(again).isInstanceOf(RolloutResult.AlreadyCurrent.class);
        assertThat(again.label()).isEqualTo("already-current");
        assertThat(f.pair.realRestarts()).hasSize(2);
    }

    @Test
    void pairInCommunicationsInterrupted_isNeverRestarted_theRolloutWaitsAndIsDeferred() {
        f.pair.partitioned = true;

        RolloutResult result = rollNew();

        assertThat(result).isInstanceOf(RolloutResult.RetryLater.class);
        RolloutStop stop = ((RolloutResult.RetryLater) result).stop();
        assertThat(stop.reason()).isEqualTo(StepReason.PAIR_NOT_NORMAL);
        assertThat(stop.code()).isEqualTo("pair-not-normal");
        assertThat(stop.peer()).contains(dk.npflan.dhcp.config.PeerRole.SECONDARY);
        assertThat(stop.text()).contains("communications-interrupted");
        assertThat(f.pair.restarts()).isEmpty();
        assertThat(f.pair.secondary().running()).hasValue(f.oldHash());
    }

    @Test
    void pairBackInNormal_theDeferredRolloutCompletesOnTheNextPass() {
        f.pair.partitioned = true;
        assertThat(rollNew()).isInstanceOf(RolloutResult.RetryLater.class);
        f.pair.partitioned = false;

        RolloutResult again =
                rollout.rollOut(
                        new RolloutRequest(
                                RollerFixture.NEW, f.time.instant(), List.of("req-2"), "rec-2"));

        assertThat(again).isInstanceOf(RolloutResult.Completed.class);
        assertThat(f.restartedRoles())
                .containsExactly(
                        dk.npflan.dhcp.config.PeerRole.SECONDARY,
                        dk.npflan.dhcp.config.PeerRole.PRIMARY);
        f.assertNoRestartWithoutServingPartner();
    }
}
