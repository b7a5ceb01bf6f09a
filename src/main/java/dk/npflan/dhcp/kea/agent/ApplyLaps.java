package dk.npflan.dhcp.kea.agent;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.StringJoiner;

/**
 * Where one apply's time went ({@code kea-dhcp4 -t}, takeover, {@code config-set}, the wait for the
 * pair, ...), for the log line that ends it: a slow apply is explained by that line alone.
 */
final class ApplyLaps {

    private final Clock clock;
    private final StringJoiner laps = new StringJoiner(", ");
    private Instant last;

    ApplyLaps(Clock clock) {
        this.clock = clock;
        this.last = clock.instant();
    }

    /** Ends the lap that began at the previous call (or at construction) as {@code name}. */
    void lap(String name) {
        Instant now = clock.instant();
        laps.add(name + " " + Duration.between(last, now).toMillis() + " ms");
        last = now;
    }

    @Override
    public String toString() {
        return laps.toString();
    }
}
