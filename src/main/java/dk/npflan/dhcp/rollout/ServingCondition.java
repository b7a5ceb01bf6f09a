package dk.npflan.dhcp.rollout;

import dk.npflan.dhcp.config.PeerRole;

/**
 * Met when the peer serves clients: dhcpd runs, is not crash-looping, and its probe recently
 * obtained a real lease. This is the guard before restarting the <em>other</em> peer.
 */
public record ServingCondition(PeerRole role) implements PairCondition {

    @Override
    public Verdict evaluate(PairObservation observed) {
        PeerObservation peer = observed.of(role);
        boolean serving =
                peer.state()
                        .filter(s -> s.serverRunning() && !s.crashLoop() && s.probeReady())
                        .isPresent();
        return serving ? Verdict.MET : Verdict.notYet(role.keyword() + " not serving");
    }
}
