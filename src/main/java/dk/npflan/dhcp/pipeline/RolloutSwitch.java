package dk.npflan.dhcp.pipeline;

import dk.npflan.dhcp.audit.AuditTypes;
import dk.npflan.dhcp.audit.KafkaAuditSink;
import dk.npflan.dhcp.rollout.AuditRecord;
import dk.npflan.dhcp.rollout.RolloutControl;
import dk.npflan.dhcp.rollout.RolloutPause;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.jboss.logging.Logger;

/**
 * The pause switch for an event's change freeze: pausing stores the pause where every replica reads
 * it before a rollout ({@link ConfigRollout#control()}), so from the next rollout on nothing is
 * published and no peer restarted, whichever replica holds the lock; a rollout already under way
 * finishes (stopping it between its peers would leave the pair split). Resuming clears it and
 * queues a reconcile, which rolls out what the pause withheld. Each switch is one audit event.
 */
@ApplicationScoped
public class RolloutSwitch {

    private static final Logger LOG = Logger.getLogger(RolloutSwitch.class);
    static final int MAX_NOTE = 200;

    private final ConfigRollout rollout;
    private final KafkaAuditSink audit;
    private final ReconcileMetrics metrics;
    private final ReconcileLoop loop;
    private final Clock clock = Clock.systemUTC();

    public RolloutSwitch(
            ConfigRollout rollout,
            KafkaAuditSink audit,
            ReconcileMetrics metrics,
            ReconcileLoop loop) {
        this.rollout = rollout;
        this.audit = audit;
        this.metrics = metrics;
        this.loop = loop;
    }

    /**
     * What a switch did: the pause now, whether its audit event reached the broker, and the
     * reconcile a resume queued.
     */
    record Switched(Optional<RolloutPause> pause, boolean audited, Optional<String> reconcileId) {

        /** The endpoint's answer. */
        Map<String, Object> body() {
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("paused", pause.isPresent());
            pause.ifPresent(p -> body.putAll(Reconciler.pauseData(p)));
            reconcileId.ifPresent(id -> body.put("reconcileId", id));
            body.put("audited", audited);
            return body;
        }
    }

    /** Pauses rollouts; pausing again keeps the first pause (its time and note). */
    Switched pause(String note) {
        RolloutPause wanted = new RolloutPause(clock.instant(), clean(note));
        RolloutControl stored =
                rollout.control()
                        .update(c -> c.pause().isPresent() ? c : c.withPause(Optional.of(wanted)));
        metrics.control(stored);
        RolloutPause pause = stored.pause().orElse(wanted);
        LOG.infof("rollouts paused since %s (%s)", pause.since(), pause.note());
        return new Switched(
                stored.pause(),
                audited(AuditTypes.ROLLOUTS_PAUSED, Reconciler.pauseData(pause)),
                Optional.empty());
    }

    /** Resumes rollouts and queues a reconcile for what the pause withheld. */
    Switched resume() {
        Optional<RolloutPause> was = rollout.control().read().pause();
        RolloutControl stored = rollout.control().update(c -> c.withPause(Optional.empty()));
        metrics.control(stored);
        String id = loop.requestManual(false);
        LOG.infof("rollouts resumed; reconcile %s queued", id);
        return new Switched(
                stored.pause(),
                audited(
                        AuditTypes.ROLLOUTS_RESUMED,
                        Reconciler.data(
                                "pausedSince",
                                was.map(p -> p.since().toString()).orElse(null),
                                "wasPaused",
                                was.isPresent(),
                                "reconcileId",
                                id)),
                Optional.of(id));
    }

    private boolean audited(String type, Map<String, Object> data) {
        try {
            audit.send(new AuditRecord(type, null, clock.instant(), null, data))
                    .get(5, TimeUnit.SECONDS);
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        } catch (ExecutionException | TimeoutException e) {
            LOG.warnf("%s: the audit event was not acknowledged: %s", type, e.toString());
            return false;
        }
    }

    /** One line of printable text, bounded: it is shown on the status page and in the audit. */
    static String clean(String note) {
        if (note == null) {
            return "";
        }
        String line = note.replaceAll("\\p{Cntrl}", " ").strip();
        return line.length() > MAX_NOTE ? line.substring(0, MAX_NOTE) : line;
    }
}
