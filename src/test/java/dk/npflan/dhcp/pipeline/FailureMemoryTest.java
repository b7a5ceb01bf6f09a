package dk.npflan.dhcp.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import dk.npflan.dhcp.config.PeerRole;
import dk.npflan.dhcp.rollout.HeldBundle;
import dk.npflan.dhcp.rollout.RolloutControl;
import dk.npflan.dhcp.rollout.RolloutPause;
import dk.npflan.dhcp.rollout.RolloutReport;
import dk.npflan.dhcp.rollout.RolloutStatus;
import dk.npflan.dhcp.rollout.RolloutStep;
import dk.npflan.dhcp.rollout.StepOutcome;
import dk.npflan.dhcp.rollout.StepReason;
import dk.npflan.dhcp.rollout.StepReport;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The failure memory's rules, values in and out. */
class FailureMemoryTest {

    private static final Instant T0 = Instant.parse("2026-12-01T08:00:00Z");
    private final FailureMemory memory =
            new FailureMemory(Duration.ofMinutes(30), Duration.ofHours(6));

    /** A report of the rollout of {@code hash}: published, then {@code last}. */
    static RolloutReport report(String hash, RolloutStatus status, boolean published) {
        List<StepReport> steps = new ArrayList<>();
        steps.add(step(RolloutStep.COMPARE, StepOutcome.done(StepReason.CHANGE_NEEDED, "")));
        if (published) {
            steps.add(step(RolloutStep.PUBLISH, StepOutcome.done(StepReason.PUBLISHED, "")));
        }
        switch (status) {
            case ROLLED_BACK ->
                    steps.add(
                            step(
                                    RolloutStep.RESTART_SECONDARY,
                                    StepOutcome.rollBack(StepReason.START_FAILED, "exit 1")));
            case HALTED ->
                    steps.add(
                            step(
                                    published ? RolloutStep.RESTART_SECONDARY : RolloutStep.COMPARE,
                                    StepOutcome.halt(StepReason.PARTNER_DOWN, "primary")));
            default -> {}
        }
        return new RolloutReport("rollout-1", hash, status, steps, Duration.ofSeconds(1));
    }

    private static StepReport step(RolloutStep step, StepOutcome outcome) {
        Optional<PeerRole> peer =
                step == RolloutStep.RESTART_SECONDARY
                        ? Optional.of(PeerRole.SECONDARY)
                        : Optional.empty();
        return new StepReport(step, peer, "h", outcome, T0, Duration.ZERO);
    }

    private RolloutControl heldAfter(RolloutReport report, Instant at) {
        return RolloutControl.NONE.withHeld(memory.after(Optional.empty(), report, at));
    }

    @Test
    void rolledBack_holdsTheHashForTheFirstBackoff_withTheFailedStepAsReason() {
        Optional<HeldBundle> held =
                memory.after(Optional.empty(), report("a", RolloutStatus.ROLLED_BACK, true), T0);

        assertThat(held).isPresent();
        assertThat(held.get().hash()).isEqualTo("a");
        assertThat(held.get().cause()).isEqualTo(HeldBundle.Cause.ROLLED_BACK);
        assertThat(held.get().failures()).isEqualTo(1);
        assertThat(held.get().retryAt()).isEqualTo(T0.plus(Duration.ofMinutes(30)));
        assertThat(held.get().reason()).contains("start-failed").contains("exit 1");
    }

    @Test
    void heldHash_isHeldBeforeItsBackoff_aDifferentHashGoes_forceOverrides() {
        RolloutControl control = heldAfter(report("a", RolloutStatus.ROLLED_BACK, true), T0);
        Instant soon = T0.plus(Duration.ofMinutes(29));

        assertThat(memory.admit(control, "a", false, soon))
                .isInstanceOf(RolloutAdmission.Held.class);
        assertThat(memory.admit(control, "b", false, soon)).isInstanceOf(RolloutAdmission.Go.class);
        assertThat(memory.admit(control, "a", true, soon))
                .isInstanceOf(RolloutAdmission.Forced.class);
    }

    @Test
    void backoffElapsed_admitsARetry_whoseFailureDoublesTheBackoff_uptoTheCap() {
        Optional<HeldBundle> held =
                memory.after(Optional.empty(), report("a", RolloutStatus.ROLLED_BACK, true), T0);
        Instant due = held.get().retryAt();

        assertThat(memory.admit(RolloutControl.NONE.withHeld(held), "a", false, due))
                .isInstanceOf(RolloutAdmission.Retry.class);
        Optional<HeldBundle> again =
                memory.after(held, report("a", RolloutStatus.ROLLED_BACK, true), due);
        assertThat(again.get().failures()).isEqualTo(2);
        assertThat(again.get().retryAt()).isEqualTo(due.plus(Duration.ofHours(1)));
        assertThat(memory.backoffAfter(4)).isEqualTo(Duration.ofHours(4));
        assertThat(memory.backoffAfter(5)).isEqualTo(Duration.ofHours(6));
        assertThat(memory.backoffAfter(40)).isEqualTo(Duration.ofHours(6));
    }

    @Test
    void haltAfterPublishing_holds_haltBeforeAnythingWasPublished_holdsNothing() {
        assertThat(memory.after(Optional.empty(), report("a", RolloutStatus.HALTED, true), T0))
                .hasValueSatisfying(h -> assertThat(h.cause()).isEqualTo(HeldBundle.Cause.HALTED));
        assertThat(memory.after(Optional.empty(), report("a", RolloutStatus.HALTED, false), T0))
                .isEmpty();
    }

    @Test
    void rollerStoppedByALostLockOrAShutdown_holdsNothing_evenWhenItRolledBack() {
        for (StepReason why : List.of(StepReason.LOCK_LOST, StepReason.INTERRUPTED)) {
            RolloutReport stopped =
                    new RolloutReport(
                            "rollout-1",
                            "a",
                            RolloutStatus.ROLLED_BACK,
                            List.of(
                                    step(
                                            RolloutStep.PUBLISH,
                                            StepOutcome.done(StepReason.PUBLISHED, "")),
                                    step(
                                            RolloutStep.RESTART_SECONDARY,
                                            StepOutcome.rollBack(why, "stopped"))),
                            Duration.ofSeconds(1));

            assertThat(memory.after(Optional.empty(), stopped, T0)).as(why.label()).isEmpty();
        }
    }

    @Test
    void completedOrSkipped_releases_retryLater_keepsWhatIsHeld() {
        Optional<HeldBundle> held =
                memory.after(Optional.empty(), report("a", RolloutStatus.ROLLED_BACK, true), T0);

        assertThat(memory.after(held, report("b", RolloutStatus.COMPLETED, true), T0)).isEmpty();
        assertThat(memory.after(held, report("a", RolloutStatus.SKIPPED, false), T0)).isEmpty();
        assertThat(memory.after(held, report("a", RolloutStatus.RETRY_LATER, false), T0))
                .isEqualTo(held);
    }

    @Test
    void aDifferentHashFailing_startsItsOwnCountAndReplacesTheHold() {
        Optional<HeldBundle> held =
                memory.after(Optional.empty(), report("a", RolloutStatus.ROLLED_BACK, true), T0);

        Optional<HeldBundle> next =
                memory.after(held, report("b", RolloutStatus.ROLLED_BACK, true), T0);

        assertThat(next.get().hash()).isEqualTo("b");
        assertThat(next.get().failures()).isEqualTo(1);
    }

    @Test
    void paused_refusesEveryHash_evenForced() {
        RolloutControl paused =
                RolloutControl.NONE.withPause(Optional.of(new RolloutPause(T0, "event freeze")));

        assertThat(memory.admit(paused, "a", true, T0)).isInstanceOf(RolloutAdmission.Paused.class);
    }
}
