package dk.npflan.dhcp.rollout;

import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Every poll of the pair the roller makes, and the last one it made. A peer restart's audit records
 * carry the failover states last seen before and after the restart; remembering the polls the gates
 * make anyway gives them without another agent call, so auditing does not change the timing of a
 * rollout.
 */
final class PairObserver {

    private final RolloutTarget target;
    private final Clock clock;
    private final AtomicReference<PairObservation> last = new AtomicReference<>();

    PairObserver(RolloutTarget target, Clock clock) {
        this.target = target;
        this.clock = clock;
    }

    /** Polls both peers once. */
    PairObservation observe() {
        PairObservation seen = PairObservation.of(target, clock.instant());
        last.set(seen);
        return seen;
    }

    /** The last poll if it was made at or after {@code since}: an older one says nothing now. */
    Optional<PairObservation> lastSince(Instant since) {
        return Optional.ofNullable(last.get()).filter(seen -> !seen.at().isBefore(since));
    }
}
