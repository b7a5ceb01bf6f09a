package dk.npflan.dhcp.pipeline;

import jakarta.enterprise.context.ApplicationScoped;
import java.util.Optional;

/**
 * The last reconciles worth showing: the last of any kind, the last that ran a rollout (for the
 * timeline), the last that rendered (for the diff) and the hold in force, if any. Kept in memory
 * only; the audit topic is the durable record.
 */
@ApplicationScoped
public class ReconcileHistory {

    private volatile ReconcileReport last;
    private volatile ReconcileReport lastRollout;
    private volatile ReconcileReport lastRendered;
    private volatile ReconcileReport held;

    void record(ReconcileReport report) {
        last = report;
        if (!report.steps().isEmpty()
                || report.outcome() == ReconcileOutcome.ROLLED_OUT
                || report.outcome() == ReconcileOutcome.ROLLOUT_FAILED
                || report.outcome() == ReconcileOutcome.ROLLED_BACK) {
            lastRollout = report;
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
}
