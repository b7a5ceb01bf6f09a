package dk.npflan.dhcp.rollout;

/**
 * What a {@link PairCondition} says about one observation: met, not yet (keep polling), or fail
 * fast (stop waiting now, with the outcome kind and reason the step ends with).
 */
public sealed interface Verdict {

    Verdict MET = new Met();

    record Met() implements Verdict {}

    record NotYet(String why) implements Verdict {}

    record FailFast(StepOutcome.Kind kind, StepReason reason, String why) implements Verdict {}

    static Verdict notYet(String why) {
        return new NotYet(why);
    }
}
