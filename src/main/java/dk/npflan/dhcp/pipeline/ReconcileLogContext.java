package dk.npflan.dhcp.pipeline;

import org.jboss.logging.MDC;

/**
 * Marks every log line of one reconcile with its id, as Strimzi marks every line with its
 * reconciliation: while it is open, the logging MDC holds {@value #KEY} on this thread, and the
 * console format prints it ({@code %X{reconcile.id}}). The reconcile and the rollout it starts run
 * on the same thread (the loop's worker; the roller blocks it), so one context covers the candidate
 * build, the roller's steps and the audit sink's lines. The id is the one on the reconcile's audit
 * events (their Kafka key and {@code reconcileId}), so an operator finds the log lines of a
 * reconcile by grepping the id an audit event or {@code /status} shows.
 */
final class ReconcileLogContext implements AutoCloseable {

    /** The MDC key; {@code %X{reconcile.id}} in a log format. */
    static final String KEY = "reconcile.id";

    private final Object previous;

    private ReconcileLogContext(String reconcileId) {
        this.previous = MDC.put(KEY, reconcileId);
    }

    /** Puts {@code reconcileId} into this thread's MDC until {@link #close()}. */
    static ReconcileLogContext open(String reconcileId) {
        return new ReconcileLogContext(reconcileId);
    }

    /** Restores what the thread had before (nothing, on the loop's worker). */
    @Override
    public void close() {
        if (previous == null) {
            MDC.remove(KEY);
        } else {
            MDC.put(KEY, previous);
        }
    }
}
