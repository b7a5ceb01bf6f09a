package dk.npflan.dhcp.rollout;

import java.util.Objects;
import java.util.function.Function;

/**
 * Met while a question asked of each poll gets the answer the previous poll got; with {@link
 * PairWait}'s stable-for, a decision is taken only once its inputs held that long, never from one
 * poll. Stateful: one instance per wait.
 */
final class SameAnswerCondition<T> implements PairCondition {

    private final Function<PairObservation, T> question;
    private T answer;
    private boolean asked;

    SameAnswerCondition(Function<PairObservation, T> question) {
        this.question = question;
    }

    @Override
    public Verdict evaluate(PairObservation observed) {
        T now = question.apply(observed);
        boolean same = !asked || Objects.equals(now, answer);
        T before = answer;
        answer = now;
        asked = true;
        return same ? Verdict.MET : Verdict.notYet("changed from " + before + " to " + now);
    }

    /** The answer of the last poll. */
    T answer() {
        return answer;
    }
}
