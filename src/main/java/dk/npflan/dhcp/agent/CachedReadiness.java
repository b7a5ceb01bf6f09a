package dk.npflan.dhcp.agent;

import dk.npflan.dhcp.probe.ProbeOutcome;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * The readiness probe behind {@code /ready}: a real DHCP exchange with the local dhcpd, reused for
 * {@code cacheFor} and run by one caller at a time, so a storm of readiness checks costs dhcpd at
 * most one exchange (four log lines and a binding update to the partner) per cache period.
 */
public final class CachedReadiness {

    private final Supplier<ProbeOutcome> probe;
    private final String path;
    private final Duration cacheFor;
    private final Clock clock;
    private final Consumer<ProbeOutcome> observer;
    private volatile ProbeReading last;

    public CachedReadiness(
            Supplier<ProbeOutcome> probe,
            String path,
            Duration cacheFor,
            Clock clock,
            Consumer<ProbeOutcome> observer) {
        this.probe = probe;
        this.path = path;
        this.cacheFor = cacheFor;
        this.clock = clock;
        this.observer = observer;
    }

    /** The cached reading while fresh, otherwise a new exchange. */
    public ProbeReading read() {
        ProbeReading cached = last;
        if (fresh(cached)) {
            return cached;
        }
        synchronized (this) {
            cached = last;
            if (fresh(cached)) {
                return cached; // another caller probed while we waited
            }
            ProbeOutcome outcome = probe.get();
            observer.accept(outcome);
            ProbeReading reading = new ProbeReading(outcome, clock.instant(), path);
            last = reading;
            return reading;
        }
    }

    /** The last reading, without probing. */
    public Optional<ProbeReading> last() {
        return Optional.ofNullable(last);
    }

    /** Forgets the cached reading: dhcpd was restarted or died. */
    public void invalidate() {
        last = null;
    }

    private boolean fresh(ProbeReading reading) {
        if (reading == null) {
            return false;
        }
        Instant expires = reading.at().plus(cacheFor);
        return clock.instant().isBefore(expires);
    }
}
