package dk.npflan.dhcp.pipeline;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The coalescing rule on its own: pending events are due once none has arrived for the quiet
 * period, or at the latest the maximum delay after the first of them, so a bulk edit of any size
 * becomes one reconcile and a constant trickle still gets one at least every maximum delay. Not
 * thread-safe: {@link ReconcileLoop} guards it.
 */
final class EventCoalescer {

    private final Duration quietPeriod;
    private final Duration maxDelay;
    private final List<PendingEvent> events = new ArrayList<>();
    private Instant first;
    private Instant last;

    EventCoalescer(Duration quietPeriod, Duration maxDelay) {
        this.quietPeriod = quietPeriod;
        this.maxDelay = maxDelay;
    }

    void add(PendingEvent event) {
        events.add(event);
        Instant at = event.arrivedAt();
        if (first == null || at.isBefore(first)) {
            first = at;
        }
        if (last == null || at.isAfter(last)) {
            last = at;
        }
    }

    /** Puts back the events of a reconcile whose outcome could not be recorded. */
    void addAll(List<PendingEvent> back) {
        back.forEach(this::add);
    }

    /** When the pending events are due; empty when none is pending. */
    Optional<Instant> dueAt() {
        if (events.isEmpty()) {
            return Optional.empty();
        }
        Instant quiet = last.plus(quietPeriod);
        Instant latest = first.plus(maxDelay);
        return Optional.of(quiet.isBefore(latest) ? quiet : latest);
    }

    /** Takes every pending event. */
    List<PendingEvent> drain() {
        List<PendingEvent> out = List.copyOf(events);
        events.clear();
        first = null;
        last = null;
        return out;
    }

    int size() {
        return events.size();
    }

    /** Arrival of the oldest pending event. */
    Optional<Instant> oldest() {
        return Optional.ofNullable(first);
    }
}
