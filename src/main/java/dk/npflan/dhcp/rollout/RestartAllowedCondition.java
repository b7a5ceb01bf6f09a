package dk.npflan.dhcp.rollout;

import dk.npflan.dhcp.config.PeerRole;

/**
 * The precondition of a config-change restart (steps 4a and 5a): the other peer serves, and a peer
 * that serves is only taken away from a pair that is normal. A pair in communications-interrupted
 * (or any other state short of normal/normal) is not restarted into: the restarted peer would come
 * back to a partner it cannot link with, the gate could not open, and the rollback would restart it
 * a second time. Taking nothing away is allowed whatever the pair's state: a peer that does not
 * serve (a resumed rollout whose primary died in its own restart), or one that already runs the
 * hash (the agent answers "already running" and only the gate follows).
 */
public record RestartAllowedCondition(PeerRole role, String hash) implements PairCondition {

    @Override
    public Verdict evaluate(PairObservation observed) {
        Verdict otherServes = new ServingCondition(other()).evaluate(observed);
        if (!(otherServes instanceof Verdict.Met)) {
            return otherServes;
        }
        boolean takesNothingAway =
                !(new ServingCondition(role).evaluate(observed) instanceof Verdict.Met)
                        || new RunningHashCondition(role, hash).evaluate(observed)
                                instanceof Verdict.Met;
        if (takesNothingAway) {
            return Verdict.MET;
        }
        Verdict normal = new BothNormalCondition().evaluate(observed);
        return normal instanceof Verdict.NotYet notYet
                ? Verdict.notYet("the pair is not normal: " + notYet.why())
                : normal;
    }

    private PeerRole other() {
        return role == PeerRole.PRIMARY ? PeerRole.SECONDARY : PeerRole.PRIMARY;
    }
}
