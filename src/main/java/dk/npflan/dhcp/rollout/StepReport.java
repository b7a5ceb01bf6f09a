package dk.npflan.dhcp.rollout;

import dk.npflan.dhcp.config.PeerRole;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/** One step as it ran: which, on which peer, for which hash, its outcome and how long it took. */
public record StepReport(
        RolloutStep step,
        Optional<PeerRole> peer,
        String hash,
        StepOutcome outcome,
        Instant startedAt,
        Duration took) {

    @Override
    public String toString() {
        return step.label()
                + peer.map(p -> "[" + p.keyword() + "]").orElse("")
                + " "
                + outcome
                + " ("
                + took.toMillis()
                + " ms)";
    }
}
