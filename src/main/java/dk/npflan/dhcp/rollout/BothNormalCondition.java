package dk.npflan.dhcp.rollout;

/**
 * Met when both peers report themselves and their partner {@link
 * dk.npflan.dhcp.peer.PeerHealth#NORMAL} (for dhcpd: {@code local-state = partner-state = normal}
 * over OMAPI): ISC's condition for touching the other peer. Pod readiness is not enough, a peer
 * that lost touch with its partner serves but the pair is not whole.
 */
public record BothNormalCondition() implements PairCondition {

    @Override
    public Verdict evaluate(PairObservation observed) {
        for (PeerObservation peer : observed.peers()) {
            if (peer.state().isEmpty()) {
                return Verdict.notYet(peer.describe());
            }
            PeerState state = peer.state().get();
            if (!state.bothNormal()) {
                return Verdict.notYet(peer.role().keyword() + " failover " + state.failoverText());
            }
        }
        return Verdict.MET;
    }
}
