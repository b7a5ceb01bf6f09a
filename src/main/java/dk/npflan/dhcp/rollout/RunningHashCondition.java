package dk.npflan.dhcp.rollout;

import dk.npflan.dhcp.config.PeerRole;
import java.util.Optional;

/** Met when the peer's dhcpd runs {@code hash}: the restart took the new files. */
public record RunningHashCondition(PeerRole role, String hash) implements PairCondition {

    @Override
    public Verdict evaluate(PairObservation observed) {
        Optional<String> running = observed.runningHash(role);
        if (running.isPresent() && running.get().equals(hash)) {
            return Verdict.MET;
        }
        return Verdict.notYet(
                role.keyword() + " runs " + Hashes.brief(running) + ", not " + Hashes.brief(hash));
    }
}
