package dk.npflan.dhcp.pipeline;

import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Optional;

/**
 * The last reconciles worth showing: the last of any kind, the last that ran a rollout (for the
 * timeline), the last that rendered (for the diff) and the hold in force, if any; and the last
 * {@link #RECENT_RECONCILES} reconciles and {@link #RECENT_ROLLOUTS} rollouts, newest first, for
 * the status page's history. Kept in memory only and bounded; the audit topic is the durable record
 * (a restarted process starts with an empty history).
 */
@ApplicationScoped
public class ReconcileHistory {

    private volatile ReconcileReport last;
    private volatile ReconcileReport lastRollout;
    private volatile ReconcileReport lastRendered;
    private volatile ReconcileReport held;

    static final int RECENT_RECONCILES = 20;
    static final int RECENT_ROLLOUTS = 10;
    private final Deque<ReconcileReport> recent = new ArrayDeque<>();
    private final Deque<ReconcileReport> recentRollouts = new ArrayDeque<>();

    void record(ReconcileReport report) {
        last = report;
        push(recent, report, RECENT_RECONCILES);
        if (!report.steps().isEmpty()
                || report.outcome() == ReconcileOutcome.ROLLED_OUT
                || report.outcome() == ReconcileOutcome.ROLLOUT_FAILED
                || report.outcome() == ReconcileOutcome.ROLLED_BACK) {
            lastRollout = report;
            push(recentRollouts, report, RECENT_ROLLOUTS);
        }
        if (report.diff().isPresent()) {
            lastRendered = report;
        }
        switch (report.outcome()) {
            case HELD -> held = report;
            case ROLLED_OUT, UNCHANGED, RENDERED_ONLY -> held = null;
            default -> {}
        }
    }

    public Optional<ReconcileReport> last() {
        return Optional.ofNullable(last);
    }

    public Optional<ReconcileReport> lastRollout() {
        return Optional.ofNullable(lastRollout);
    }

    public Optional<ReconcileReport> lastRendered() {
        return Optional.ofNullable(lastRendered);
    }

    public Optional<ReconcileReport> held() {
        return Optional.ofNullable(held);
    }

    /** The last reconciles of any kind, newest first. */
    public List<ReconcileReport> recent() {
        synchronized (recent) {
            return List.copyOf(recent);
        }
    }

    /** The last reconciles that ran a rollout, newest first. */
    public List<ReconcileReport> recentRollouts() {
        synchronized (recentRollouts) {
            return List.copyOf(recentRollouts);
        }
    }

    private static void push(Deque<ReconcileReport> into, ReconcileReport report, int bound) {
        synchronized (into) {
            into.addFirst(report);
            while (into.size() > bound) {
                into.removeLast();
            }
        }
    }
}
