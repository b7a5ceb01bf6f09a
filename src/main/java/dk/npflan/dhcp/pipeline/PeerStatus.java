package dk.npflan.dhcp.pipeline;

import dk.npflan.dhcp.peer.HealthReading;
import dk.npflan.dhcp.peer.PeerHealth;
import dk.npflan.dhcp.rollout.PeerState;
import java.util.Optional;

/**
 * One peer as {@code /status} and the status page show it, built from the roller's {@link
 * PeerState}: the hashes it runs and has mounted, its failover states in the server's own words
 * (dhcpd's names, e.g. {@code normal}) and what they mean ({@link PeerHealth}, which the status
 * page colours and explains), and whether its probe is ready. {@code error} says why fields are
 * empty when the agent could not be asked.
 */
public record PeerStatus(
        String role,
        Optional<String> runningHash,
        Optional<String> mountedHash,
        Optional<String> localState,
        Optional<String> partnerState,
        boolean ready,
        Optional<String> error,
        Optional<PeerHealth> localHealth,
        Optional<PeerHealth> partnerHealth) {

    /** A peer whose states carry no meaning beyond their words. */
    public PeerStatus(
            String role,
            Optional<String> runningHash,
            Optional<String> mountedHash,
            Optional<String> localState,
            Optional<String> partnerState,
            boolean ready,
            Optional<String> error) {
        this(
                role,
                runningHash,
                mountedHash,
                localState,
                partnerState,
                ready,
                error,
                Optional.empty(),
                Optional.empty());
    }

    /** A peer as its agent reported it. */
    public static PeerStatus of(PeerState s) {
        return new PeerStatus(
                s.role().keyword(),
                s.runningHash(),
                s.mountedHash(),
                s.localHealth().map(HealthReading::raw),
                s.partnerHealth().map(HealthReading::raw),
                s.probeReady(),
                Optional.empty(),
                s.localHealth().map(HealthReading::health),
                s.partnerHealth().map(HealthReading::health));
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
