package dk.npflan.dhcp.rollout;

import dk.npflan.dhcp.config.PeerRole;
import java.util.Objects;
import java.util.Optional;

/**
 * Why a rollout did not complete, as the roller typed it: the {@link StepReason}, the step and peer
 * it happened at (none when nothing ran, e.g. a pair still starting) and the detail. The one form a
 * halt, a roll-back or a retry-later is carried in from the roller to the reconcile, the audit
 * ({@code reason}, {@code reasonCode}) and {@code /status}; its text is the step's own line.
 */
public record RolloutStop(
        StepReason reason, Optional<RolloutStep> step, Optional<PeerRole> peer, String text) {

    public RolloutStop {
        Objects.requireNonNull(reason, "reason");
        Objects.requireNonNull(step, "step");
        Objects.requireNonNull(peer, "peer");
        text = text == null ? "" : text;
    }

    /** The step that did not end {@code done}. */
    public static RolloutStop at(StepReport step) {
        return new RolloutStop(
                step.outcome().reason(), Optional.of(step.step()), step.peer(), step.toString());
    }

    /** Stopped before any step ran. */
    public static RolloutStop before(StepReason reason, String detail) {
        return new RolloutStop(reason, Optional.empty(), Optional.empty(), detail);
    }

    /** Why {@code report} did not complete: its first failed step, else its status alone. */
    public static RolloutStop of(RolloutReport report) {
        return report.failure()
                .map(RolloutStop::at)
                .orElseGet(
                        () ->
                                before(
                                        StepReason.UNEXPECTED_ERROR,
                                        "ended " + report.status() + " without a failed step"));
    }

    /** The reason's label ({@code lock-held}, {@code not-normal-before-deadline}, …). */
    public String code() {
        return reason.label();
    }

    @Override
    public String toString() {
        return text;
    }
}
