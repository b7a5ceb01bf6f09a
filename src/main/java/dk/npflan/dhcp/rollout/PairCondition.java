package dk.npflan.dhcp.rollout;

import java.util.List;

/**
 * A gate of the rollout as a small predicate over one {@link PairObservation}. Conditions are
 * combined with {@link #allOf}; a fail-fast verdict anywhere wins over "not yet", so a crash loop
 * ends a wait at once even while another condition is still pending.
 */
@FunctionalInterface
public interface PairCondition {

    Verdict evaluate(PairObservation observed);

    /** Met when every condition is met; the first fail-fast, else the first not-yet, otherwise. */
    static PairCondition allOf(PairCondition... conditions) {
        List<PairCondition> all = List.of(conditions);
        return observed -> {
            Verdict pending = Verdict.MET;
            for (PairCondition condition : all) {
                Verdict verdict = condition.evaluate(observed);
                if (verdict instanceof Verdict.FailFast) {
                    return verdict;
                }
                if (verdict instanceof Verdict.NotYet && pending instanceof Verdict.Met) {
                    pending = verdict;
                }
            }
            return pending;
        };
    }
}
