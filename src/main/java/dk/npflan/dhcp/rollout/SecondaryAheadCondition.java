package dk.npflan.dhcp.rollout;

import dk.npflan.dhcp.config.PeerRole;

/**
 * A resumed rollout's verdict that step 4 is done: the secondary serves on {@code hash} and the
 * primary, seen (its agent answered), does not serve. An unreachable primary is not "not serving":
 * nothing is known of it.
 */
record SecondaryAheadCondition(String hash) implements PairCondition {

    @Override
    public Verdict evaluate(PairObservation observed) {
        Verdict secondary =
                PairCondition.allOf(
                                new RunningHashCondition(PeerRole.SECONDARY, hash),
                                new ServingCondition(PeerRole.SECONDARY))
                        .evaluate(observed);
        if (!(secondary instanceof Verdict.Met)) {
            return secondary;
        }
        PeerObservation primary = observed.of(PeerRole.PRIMARY);
        if (primary.state().isEmpty()) {
            return Verdict.notYet(primary.describe());
        }
        return new ServingCondition(PeerRole.PRIMARY).evaluate(observed) instanceof Verdict.Met
                ? Verdict.notYet("the primary serves")
                : Verdict.MET;
    }
}
