package dk.npflan.dhcp.pipeline;

import dk.npflan.dhcp.netbox.RetryPolicy;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.jboss.logging.Logger;

/**
 * Runs reconciles one at a time on a single worker thread and decides when. Events wait in an
 * {@link EventCoalescer}; a resync or manual request runs as soon as the worker is free and takes
 * every pending event along. Events that arrive while a reconcile runs wait for it and then make
 * exactly one follow-up. Only when a reconcile's outcome is recorded (its audit events acknowledged
 * by the broker) are its events' Kafka records acknowledged; otherwise they go back to the pending
 * set and the reconcile is retried after {@code retry-delay}. A crash leaves them unacknowledged,
 * so Kafka delivers them again after the restart. A recorded reconcile that asks for a retry
 * (NetBox unreadable, the rollout deferred) has its events acknowledged: the retry is a full
 * reconcile that reads all of NetBox again, so it covers them (and after a crash the startup resync
 * does). After NetBox could not be read, reads in a row wait {@code retry-delay} doubled each time
 * up to {@code retry-max-delay}, and events and resyncs arriving meanwhile wait with them: a NetBox
 * that fails for minutes gets a few reads a minute, not one per webhook.
 */
@ApplicationScoped
public class ReconcileLoop {

    private static final Logger LOG = Logger.getLogger(ReconcileLoop.class);

    private final Reconciler reconciler;
    private final Clock clock;
    private final Duration retryDelay;
    private final RetryPolicy readBackoff;
    private final ScheduledExecutorService worker;
    private final EventCoalescer pending;

    // all guarded by this
    private boolean running;
    private Trigger requested;
    private boolean forceRequested;
    private String requestedId;
    private Instant notBefore = Instant.MIN;
    private ScheduledFuture<?> timer;
    private int failedReadsInARow;

    public ReconcileLoop(Reconciler reconciler, PipelineSettings settings) {
        this.reconciler = reconciler;
        this.clock = Clock.systemUTC();
        this.retryDelay = settings.retryDelay();
        this.readBackoff =
                new RetryPolicy(
                        1,
                        settings.retryDelay(),
                        settings.retryMaxDelay().compareTo(settings.retryDelay()) < 0
                                ? settings.retryDelay()
                                : settings.retryMaxDelay(),
                        Duration.ZERO);
        this.pending = new EventCoalescer(settings.quietPeriod(), settings.maxDelay());
        this.worker =
                Executors.newSingleThreadScheduledExecutor(
                        r -> {
                            Thread t = new Thread(r, "netbox-dhcpd-reconcile");
                            t.setDaemon(true);
                            return t;
                        });
    }

    /** What is waiting, for {@code /status} and the metrics. */
    public record Backlog(int events, Optional<Instant> oldest, boolean running) {}

    public synchronized Backlog backlog() {
        return new Backlog(pending.size(), pending.oldest(), running);
    }

    /** Adds one NetBox event; it is reconciled after the quiet period or the maximum delay. */
    public synchronized void offer(PendingEvent event) {
        pending.add(event);
        schedule();
    }

    /** Asks for a full reconcile as soon as the worker is free. */
    public synchronized void requestResync(Trigger trigger) {
        if (requested == null || requested == Trigger.RETRY) {
            requested = trigger;
        }
        schedule();
    }

    /**
     * Asks for a reconcile now ({@code POST /reconcile}); {@code force} lets it pass the sanity
     * bound.
     *
     * @return the id the reconcile will have
     */
    public synchronized String requestManual(boolean force) {
        if (requested != Trigger.MANUAL || requestedId == null) {
            requestedId = newId();
        }
        requested = Trigger.MANUAL;
        forceRequested |= force;
        notBefore = Instant.MIN;
        schedule();
        return requestedId;
    }

    private void schedule() {
        if (running) {
            return; // the running reconcile schedules the follow-up when it ends
        }
        Optional<Instant> due = requested != null ? Optional.of(clock.instant()) : pending.dueAt();
        if (due.isEmpty()) {
            return;
        }
        Instant at = due.get().isBefore(notBefore) ? notBefore : due.get();
        if (timer != null) {
            timer.cancel(false);
        }
        long delay = Math.max(0, Duration.between(clock.instant(), at).toMillis());
        timer = worker.schedule(this::runIfDue, delay, TimeUnit.MILLISECONDS);
    }

    private void runIfDue() {
        ReconcileBatch batch;
        synchronized (this) {
            timer = null;
            Instant now = clock.instant();
            boolean eventsDue = pending.dueAt().filter(d -> !d.isAfter(now)).isPresent();
            if (running || now.isBefore(notBefore) || (requested == null && !eventsDue)) {
                schedule();
                return;
            }
            Trigger trigger = requested != null ? requested : Trigger.EVENTS;
            String id = trigger == Trigger.MANUAL && requestedId != null ? requestedId : newId();
            batch = new ReconcileBatch(id, trigger, forceRequested, pending.drain());
            requested = null;
            requestedId = null;
            forceRequested = false;
            running = true;
        }
        try (ReconcileLogContext logged = ReconcileLogContext.open(batch.reconcileId())) {
            run(batch);
        }
    }

    /** One reconcile and what its outcome means for its events; logs carry its id. */
    private void run(ReconcileBatch batch) {
        ReconcileReport report = null;
        try {
            report = reconciler.reconcile(batch);
        } catch (RuntimeException e) {
            LOG.errorf(e, "reconcile %s failed unexpectedly", batch.reconcileId());
        }
        synchronized (this) {
            running = false;
            if (report != null && report.recorded()) {
                batch.events().forEach(e -> e.ack().run());
                boolean unread = report.outcome() == ReconcileOutcome.INVENTORY_FAILED;
                failedReadsInARow = unread ? failedReadsInARow + 1 : 0;
                if (report.retry()) {
                    notBefore =
                            clock.instant()
                                    .plus(
                                            unread
                                                    ? readBackoff.backoff(failedReadsInARow)
                                                    : retryDelay);
                    if (requested == null) {
                        requested = Trigger.RETRY;
                    }
                }
            } else {
                LOG.warnf(
                        "reconcile %s: outcome not recorded; its %d events stay pending, retry in %s",
                        batch.reconcileId(), batch.events().size(), retryDelay);
                pending.addAll(batch.events());
                notBefore = clock.instant().plus(retryDelay);
                if (batch.trigger() != Trigger.EVENTS && requested == null) {
                    requested = batch.trigger() == Trigger.MANUAL ? Trigger.RETRY : batch.trigger();
                    forceRequested |= batch.force();
                }
            }
            schedule();
        }
    }

    private static String newId() {
        return UUID.randomUUID().toString();
    }

    @PreDestroy
    void stop() {
        worker.shutdownNow();
        try {
            if (!worker.awaitTermination(5, TimeUnit.SECONDS)) {
                LOG.warn("a reconcile was still running at shutdown; its events are redelivered");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
