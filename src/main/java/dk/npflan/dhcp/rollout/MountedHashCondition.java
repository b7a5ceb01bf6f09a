package dk.npflan.dhcp.rollout;

import dk.npflan.dhcp.config.PeerRole;
import java.util.Optional;

/**
 * Met when the peer's agent reads {@code hash} from its mounted config directory: the published
 * bundle has reached that peer (kubelet propagation can take a minute or more).
 */
public record MountedHashCondition(PeerRole role, String hash) implements PairCondition {

    @Override
    public Verdict evaluate(PairObservation observed) {
        PeerObservation peer = observed.of(role);
        Optional<String> mounted = peer.state().flatMap(PeerState::mountedHash);
        if (mounted.isPresent() && mounted.get().equals(hash)) {
            return Verdict.MET;
        }
        return Verdict.notYet(
                role.keyword()
                        + " mounts "
                        + (peer.state().isEmpty() ? "?" : Hashes.brief(mounted))
                        + ", not "
                        + Hashes.brief(hash));
    }
}
