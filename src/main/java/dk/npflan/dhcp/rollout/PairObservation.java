package dk.npflan.dhcp.rollout;

import dk.npflan.dhcp.config.PeerRole;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * One poll of both peers at one instant. Failover health is a property of the pair (both views must
 * say normal/normal), so every gate sees both peers at once.
 */
public record PairObservation(PeerObservation primary, PeerObservation secondary, Instant at) {

    /** Polls both peers of {@code target}, the secondary first. */
    public static PairObservation of(RolloutTarget target, Instant at) {
        PeerObservation secondary = PeerObservation.of(target.peer(PeerRole.SECONDARY));
        PeerObservation primary = PeerObservation.of(target.peer(PeerRole.PRIMARY));
        return new PairObservation(primary, secondary, at);
    }

    public PeerObservation of(PeerRole role) {
        return role == PeerRole.PRIMARY ? primary : secondary;
    }

    /** Both peers, secondary first (the order the roller works in). */
    public List<PeerObservation> peers() {
        return List.of(secondary, primary);
    }

    /** The hash the peer runs, empty if unknown or unreachable. */
    public Optional<String> runningHash(PeerRole role) {
        return of(role).state().flatMap(PeerState::runningHash);
    }

    /** The first unreachable peer, if any. */
    public Optional<PeerObservation> unreachable() {
        return peers().stream().filter(p -> p instanceof PeerObservation.Unreachable).findFirst();
    }

    public String describe() {
        return secondary.describe() + "; " + primary.describe();
    }
}
