package dk.npflan.dhcp.rollout;

import dk.npflan.dhcp.omapi.FailoverState;

/**
 * Met when both peers report {@code local-state = partner-state = normal} over OMAPI: ISC's
 * condition for touching the other peer. Pod readiness is not enough, a peer in
 * communications-interrupted serves but the pair is not whole.
 */
public record BothNormalCondition() implements PairCondition {

    @Override
    public Verdict evaluate(PairObservation observed) {
        for (PeerObservation peer : observed.peers()) {
            if (peer.state().isEmpty()) {
                return Verdict.notYet(peer.describe());
            }
            PeerState state = peer.state().get();
            boolean normal =
                    state.localState().filter(FailoverState.NORMAL::equals).isPresent()
                            && state.partnerState()
                                    .filter(FailoverState.NORMAL::equals)
                                    .isPresent();
            if (!normal) {
                return Verdict.notYet(
                        peer.role().keyword()
                                + " failover "
                                + state.localState().map(FailoverState::dhcpdName).orElse("?")
                                + "/"
                                + state.partnerState().map(FailoverState::dhcpdName).orElse("?"));
            }
        }
        return Verdict.MET;
    }
}
