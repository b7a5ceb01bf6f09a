package dk.npflan.dhcp.pipeline;

import dk.npflan.dhcp.peer.HealthReading;
import dk.npflan.dhcp.rollout.PeerState;
import java.util.Optional;

/**
 * One peer as {@code /status} and the status page show it, built from the roller's {@link
 * PeerState}: the hashes it runs and has mounted, its failover states in the server's own words
 * (dhcpd's names, e.g. {@code normal}), and whether its probe is ready. {@code error} says why
 * fields are empty when the agent could not be asked.
 */
public record PeerStatus(
        String role,
        Optional<String> runningHash,
        Optional<String> mountedHash,
        Optional<String> localState,
        Optional<String> partnerState,
        boolean ready,
        Optional<String> error) {

    /** A peer as its agent reported it. */
    public static PeerStatus of(PeerState s) {
        return new PeerStatus(
                s.role().keyword(),
                s.runningHash(),
                s.mountedHash(),
                s.localHealth().map(HealthReading::raw),
                s.partnerHealth().map(HealthReading::raw),
                s.probeReady(),
                Optional.empty());
    }

    /** A peer that could not be asked, and why. */
    public static PeerStatus unavailable(String role, String why) {
        return new PeerStatus(
                role,
                Optional.empty(),
                Optional.empty(),
                Optional.empty(),
                Optional.empty(),
                false,
                Optional.of(why));
    }
}
