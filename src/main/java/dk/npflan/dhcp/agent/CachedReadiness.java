package dk.npflan.dhcp.agent;

import dk.npflan.dhcp.probe.ProbeOutcome;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * The readiness probe behind {@code /ready}: a real DHCP exchange with the local dhcpd, reused for
 * {@code cacheFor} and run by one caller at a time, so a storm of readiness checks costs dhcpd at
 * most one exchange (four log lines and a binding update to the partner) per cache period. A
 * reading is only reused for the same {@code epoch} (the dhcpd run it was taken from), so a
 * restarted or dead dhcpd is never reported ready from the cache.
 */
public final class CachedReadiness {

    private final Supplier<ProbeOutcome> probe;
    private final Duration cacheFor;
    private final Clock clock;
    private final Consumer<ProbeOutcome> observer;
    private final Supplier<Object> epoch;

    /** A reading with the dhcpd run it was taken from, in one field so both are read together. */
    private record Cached(ProbeReading reading, Object epoch) {}

    private volatile Cached last;
    private final AtomicBoolean refreshing = new AtomicBoolean();

    public CachedReadiness(
            Supplier<ProbeOutcome> probe,
            Duration cacheFor,
            Clock clock,
            Consumer<ProbeOutcome> observer,
            Supplier<Object> epoch) {
        this.probe = probe;
        this.cacheFor = cacheFor;
        this.clock = clock;
        this.observer = observer;
        this.epoch = epoch;
    }

    /** The cached reading while fresh, otherwise a new exchange. */
    public ProbeReading read() {
        Cached cached = last;
        if (fresh(cached)) {
            return cached.reading();
        }
        synchronized (this) {
            cached = last;
            if (fresh(cached)) {
                return cached.reading(); // another caller probed while we waited
            }
            Object current = epoch.get();
            ProbeOutcome outcome = probe.get();
            observer.accept(outcome);
            ProbeReading reading = new ProbeReading(outcome, clock.instant());
            last = new Cached(reading, current);
            return reading;
        }
    }

    /** The last reading, without probing. */
    public Optional<ProbeReading> last() {
        return Optional.ofNullable(last).map(Cached::reading);
    }

    /**
     * The last reading of the current dhcpd run without waiting for a probe (what {@code /state}
     * shows, so polling it stays fast even while dhcpd does not answer); when it is stale, one
     * probe is started in the background and the next call sees its result.
     */
    public Optional<ProbeReading> peek() {
        Cached cached = last;
        if (!fresh(cached) && refreshing.compareAndSet(false, true)) {
            Thread refresh =
                    new Thread(
                            () -> {
                                try {
                                    read();
                                } finally {
                                    refreshing.set(false);
                                }
                            },
                            "agent-probe-refresh");
            refresh.setDaemon(true);
            refresh.start();
        }
        // judged on what was read above: a background probe may already have replaced it
        return cached != null && Objects.equals(cached.epoch(), epoch.get())
                ? Optional.of(cached.reading())
                : Optional.empty();
    }

    /** Forgets the cached reading: dhcpd was restarted or died. */
    public void invalidate() {
        last = null;
    }

    private boolean fresh(Cached cached) {
        if (cached == null || !Objects.equals(cached.epoch(), epoch.get())) {
            return false;
        }
        Instant expires = cached.reading().at().plus(cacheFor);
        return clock.instant().isBefore(expires);
    }
}
