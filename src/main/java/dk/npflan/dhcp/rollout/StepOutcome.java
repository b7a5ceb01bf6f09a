package dk.npflan.dhcp.rollout;

import java.util.Locale;

/**
 * The typed result of one step: its {@link Kind} (what the roller does next), the {@link
 * StepReason} and a detail saying exactly which peer and what was last observed. The kinds follow
 * Strimzi's problem severities: retry later, halt (leave everything alone and alert), roll back.
 */
public record StepOutcome(Kind kind, StepReason reason, String detail) {

    /** What happens after the step. */
    public enum Kind {
        /** The step did its job; go on. */
        DONE,
        /**
         * Nothing harmful happened and nothing was restarted; the whole rollout may be tried again.
         */
        RETRY,
        /** Stop here and leave the peers as they are; an operator has to look. */
        HALT,
        /** Stop and restore the last good bundle. */
        ROLL_BACK;

        /** The {@code outcome} tag of the step metric and audit data. */
        public String label() {
            return name().toLowerCase(Locale.ROOT).replace('_', '-');
        }
    }

    public static StepOutcome done(StepReason reason, String detail) {
        return new StepOutcome(Kind.DONE, reason, detail);
    }

    public static StepOutcome retry(StepReason reason, String detail) {
        return new StepOutcome(Kind.RETRY, reason, detail);
    }

    public static StepOutcome halt(StepReason reason, String detail) {
        return new StepOutcome(Kind.HALT, reason, detail);
    }

    public static StepOutcome rollBack(StepReason reason, String detail) {
        return new StepOutcome(Kind.ROLL_BACK, reason, detail);
    }

    public boolean isDone() {
        return kind == Kind.DONE;
    }

    /** The same reason and detail, but halting (a failure while rolling back cannot roll back). */
    public StepOutcome asHalt() {
        return kind == Kind.ROLL_BACK ? new StepOutcome(Kind.HALT, reason, detail) : this;
    }

    @Override
    public String toString() {
        return kind.label() + " " + reason.label() + ": " + detail;
    }
}
