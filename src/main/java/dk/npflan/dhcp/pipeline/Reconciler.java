package dk.npflan.dhcp.pipeline;

import dk.npflan.dhcp.audit.AuditCorrelation;
import dk.npflan.dhcp.audit.AuditTypes;
import dk.npflan.dhcp.audit.KafkaAuditSink;
import dk.npflan.dhcp.config.RenderedConfig;
import dk.npflan.dhcp.netbox.InventoryProblem;
import dk.npflan.dhcp.rollout.AuditRecord;
import dk.npflan.dhcp.rollout.HeldBundle;
import dk.npflan.dhcp.rollout.RolloutPause;
import dk.npflan.dhcp.rollout.RolloutStop;
import dk.npflan.dhcp.rollout.StepReason;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.jboss.logging.Logger;

/**
 * One reconcile, start to recorded outcome. Steps, each audited on {@code dhcp.audit}:
 *
 * <ol>
 *   <li>{@code resync.started} (full reconciles only), {@code reconcile.started};
 *   <li>snapshot, select, render, semantic checks, {@code dhcpd -t} ({@link CandidateBuilder}); a
 *       snapshot that cannot be read ends here ({@code reconcile.failed});
 *   <li>{@code config.rendered} with counts and the diff against the published config; a rejected
 *       config ends here ({@code config.rejected}, the errors naming the NetBox objects);
 *   <li>equal hash already published and running: nothing to do ({@code unchanged});
 *   <li>the sanity bound: too many subnets removed and not forced → {@code config.held};
 *   <li>the pause and the failure memory ({@link FailureMemory}, read from {@link
 *       ConfigRollout#control()}): rollouts paused → {@code rollout.withheld}; this hash held after
 *       it rolled back or halted, its back-off not passed and not forced → {@code rollout.held};
 *   <li>{@link ConfigRollout#rollOut} with a {@link ReconcileGuard} that the roller asks again
 *       under its lock and tells the outcome; the roller's own step records land on the topic
 *       through the same sink; then {@code rollout.completed}, {@code rollout.failed}, {@code
 *       rollout.rolled-back}, {@code rollout.deferred} (retried) or {@code rollout.skipped}, and
 *       {@code bundle.held} or {@code bundle.released} when the outcome changed what is held;
 *   <li>{@code reconcile.completed} with the outcome, then wait for the broker to acknowledge every
 *       event of this reconcile.
 * </ol>
 */
@ApplicationScoped
public class Reconciler {

    private static final Logger LOG = Logger.getLogger(Reconciler.class);

    private final CandidateBuilder builder;
    private final ConfigRollout rollout;
    private final KafkaAuditSink audit;
    private final ReconcileMetrics metrics;
    private final ReconcileHistory history;
    private final SanityBound bound;
    private final FailureMemory memory;
    private final InventoryOutage outage;

    /**
     * Inventory problems that may heal by themselves; settings problems wait for the next trigger.
     */
    private static final Set<InventoryProblem> TRANSIENT =
            EnumSet.of(InventoryProblem.UNAVAILABLE, InventoryProblem.INCONSISTENT);

    private final Clock clock = Clock.systemUTC();

    public Reconciler(
            CandidateBuilder builder,
            ConfigRollout rollout,
            KafkaAuditSink audit,
            ReconcileMetrics metrics,
            ReconcileHistory history,
            InventoryOutage outage,
            PipelineSettings settings) {
        this.builder = builder;
        this.rollout = rollout;
        this.audit = audit;
        this.metrics = metrics;
        this.history = history;
        this.outage = outage;
        this.bound = new SanityBound(settings.maxRemovedShare());
        this.memory =
                new FailureMemory(settings.heldBundleBackoff(), settings.heldBundleMaxBackoff());
    }

    /** Runs one reconcile; never throws for an expected failure. */
    public ReconcileReport reconcile(ReconcileBatch batch) {
        Instant started = clock.instant();
        audit.begin(new AuditCorrelation(batch.reconcileId(), batch.requestIds(), batch.users()));
        Run run = new Run(batch);
        try {
            run.execute();
        } catch (RuntimeException e) {
            LOG.errorf(e, "reconcile %s failed", batch.reconcileId());
            run.finish(ReconcileOutcome.ROLLOUT_FAILED, "unexpected error: " + e);
            run.emit(
                    AuditTypes.RECONCILE_FAILED,
                    data("stage", "internal", "message", e.toString()));
        }
        Duration took = Duration.between(started, clock.instant());
        run.emit(
                AuditTypes.RECONCILE_COMPLETED,
                data(
                        "outcome",
                        run.outcome.label(),
                        "trigger",
                        batch.trigger().label(),
                        "events",
                        batch.events().size(),
                        "durationMillis",
                        took.toMillis(),
                        "message",
                        run.message));
        boolean recorded = audit.end();
        ReconcileReport report =
                new ReconcileReport(
                        batch.reconcileId(),
                        batch.trigger(),
                        batch.force(),
                        started,
                        took,
                        run.outcome,
                        Optional.ofNullable(run.hash),
                        batch.events().size(),
                        batch.requestIds(),
                        batch.users(),
                        run.message,
                        Optional.ofNullable(run.diff),
                        run.steps,
                        run.errors,
                        recorded,
                        run.retry);
        history.record(report);
        metrics.reconciled(report);
        LOG.infof(
                "reconcile %s (%s, %d events): %s%s in %d ms",
                batch.reconcileId(),
                batch.trigger().label(),
                batch.events().size(),
                run.outcome.label(),
                run.message.isEmpty() ? "" : " - " + run.message,
                took.toMillis());
        return report;
    }

    /** The state of one reconcile while it runs. */
    private final class Run {
        private final ReconcileBatch batch;
        private ReconcileOutcome outcome;
        private String message = "";
        private String hash;
        private SubnetDiff diff;
        private List<RolloutStepTiming> steps = List.of();
        private List<Map<String, Object>> errors = List.of();
        private boolean retry;

        Run(ReconcileBatch batch) {
            this.batch = batch;
        }

        void execute() {
            if (batch.trigger().isResync()) {
                emit(AuditTypes.RESYNC_STARTED, data("trigger", batch.trigger().label()));
            }
            emit(
                    AuditTypes.RECONCILE_STARTED,
                    data(
                            "trigger",
                            batch.trigger().label(),
                            "force",
                            batch.force(),
                            "events",
                            batch.events().size(),
                            "inventory",
                            builder.describeSource()));
            Candidate candidate = builder.build();
            if (candidate instanceof Candidate.Unavailable unavailable) {
                finish(ReconcileOutcome.INVENTORY_FAILED, unavailable.cause().getMessage());
                outage.failed(
                        clock.instant(),
                        unavailable.cause().problem(),
                        unavailable.cause().getMessage());
                retry = TRANSIENT.contains(unavailable.cause().problem());
                emit(
                        AuditTypes.RECONCILE_FAILED,
                        data(
                                "stage",
                                "inventory",
                                "problem",
                                unavailable.cause().problem().name(),
                                "message",
                                unavailable.cause().getMessage()));
                return;
            }
            outage.read(clock.instant());
            Candidate.Rendered rendered = (Candidate.Rendered) candidate;
            hash = rendered.hash();
            Optional<RenderedConfig> published = rollout.published();
            Optional<String> publishedHash = published.map(RenderedConfig::sha256);
            diff = rendered.diffAgainst(published);
            metrics.rendered(rendered);
            publishedHash.ifPresent(metrics::published);
            emit(
                    AuditTypes.CONFIG_RENDERED,
                    data(
                            "subnets",
                            rendered.subnets(),
                            "pools",
                            rendered.pools(),
                            "reports",
                            rendered.build().reports().size(),
                            "publishedHash",
                            publishedHash.orElse(null),
                            "added",
                            diff.added(),
                            "removed",
                            diff.removed(),
                            "changed",
                            diff.changed(),
                            "reservations",
                            StatusView.changes(diff.reservations())));
            if (rendered instanceof Candidate.Rejected rejected) {
                errors = rejected.errors();
                finish(
                        ReconcileOutcome.REJECTED,
                        rejected.errors().size() + " errors; nothing published");
                emit(AuditTypes.CONFIG_REJECTED, data("errors", rejected.errors()));
                return;
            }
            ReconcileGuard guard =
                    new ReconcileGuard(rollout.control(), memory, batch.force(), clock);
            if (publishedHash.filter(hash::equals).isPresent() && peersRun(hash)) {
                finish(ReconcileOutcome.UNCHANGED, "");
                guard.supersede(hash).ifPresent(h -> released(h, "the pair runs NetBox's render"));
                metrics.control(guard.seen());
                return;
            }
            SanityBound.Verdict verdict = bound.judge(diff, batch.force());
            if (verdict == SanityBound.Verdict.HOLD) {
                finish(
                        ReconcileOutcome.HELD,
                        String.format(
                                "would remove %d of %d published subnets and %d of %d"
                                        + " reservations (more than %.0f %% of either);"
                                        + " confirm with POST /reconcile?force=true",
                                diff.removed().size(),
                                diff.publishedSubnets(),
                                diff.reservations().removed().size(),
                                diff.reservations().published(),
                                bound.maxRemovedShare() * 100));
                emit(
                        AuditTypes.CONFIG_HELD,
                        data(
                                "removed",
                                diff.removed(),
                                "publishedSubnets",
                                diff.publishedSubnets(),
                                "removedShare",
                                diff.removedShare(),
                                "removedReservations",
                                diff.reservations().removed(),
                                "publishedReservations",
                                diff.reservations().published(),
                                "removedReservationShare",
                                diff.reservations().removedShare(),
                                "maxRemovedShare",
                                bound.maxRemovedShare(),
                                "confirm",
                                "POST /reconcile?force=true"));
                return;
            }
            admit(guard)
                    .ifPresent(
                            admission ->
                                    rollOut(
                                            rendered,
                                            verdict == SanityBound.Verdict.FORCED,
                                            guard,
                                            admission));
        }

        /** The pause and the failure memory; empty when they end the reconcile here. */
        private Optional<RolloutAdmission> admit(ReconcileGuard guard) {
            RolloutAdmission admission;
            try {
                admission = guard.admission(hash);
            } catch (RuntimeException e) {
                LOG.warnf("reconcile %s: rollout control unreadable: %s", batch.reconcileId(), e);
                finish(ReconcileOutcome.ROLLOUT_DEFERRED, "rollout control unreadable: " + e);
                retry = true;
                emit(AuditTypes.ROLLOUT_DEFERRED, data("reason", message));
                return Optional.empty();
            }
            metrics.control(guard.seen());
            if (admission instanceof RolloutAdmission.Paused paused) {
                finish(
                        ReconcileOutcome.PAUSED,
                        "rollouts are paused since "
                                + paused.pause().since()
                                + "; resume with POST /rollouts/resume");
                emit(AuditTypes.ROLLOUT_WITHHELD, pauseData(paused.pause()));
                return Optional.empty();
            }
            if (admission instanceof RolloutAdmission.Held held) {
                finish(
                        ReconcileOutcome.BUNDLE_HELD,
                        "held after it "
                                + held.held().cause().label()
                                + " ("
                                + held.held().reason()
                                + "); tried again after "
                                + held.held().retryAt()
                                + ", or confirm with POST /reconcile?force=true");
                emit(AuditTypes.ROLLOUT_HELD, heldData(held.held()));
                return Optional.empty();
            }
            return Optional.of(admission);
        }

        private void rollOut(
                Candidate.Rendered rendered,
                boolean forced,
                ReconcileGuard guard,
                RolloutAdmission admission) {
            RolloutResult result;
            try {
                result =
                        rollout.rollOut(
                                new RolloutRequest(
                                        rendered.config(),
                                        clock.instant(),
                                        batch.requestIds(),
                                        batch.reconcileId(),
                                        guard));
            } catch (RuntimeException e) {
                LOG.errorf(e, "reconcile %s: rollout threw", batch.reconcileId());
                result =
                        new RolloutResult.Halted(
                                RolloutStop.before(
                                        StepReason.UNEXPECTED_ERROR, "rollout threw " + e),
                                List.of());
            }
            steps = result.steps();
            Map<String, Object> data = data("forced", forced, "steps", stepData(steps));
            if (admission instanceof RolloutAdmission.Retry retried) {
                data.put("heldRetry", heldData(retried.held()));
            } else if (admission instanceof RolloutAdmission.Forced overridden) {
                data.put("heldForced", heldData(overridden.held()));
            }
            if (result instanceof RolloutResult.Completed c) {
                completed(c.hash(), data);
            } else if (result instanceof RolloutResult.AlreadyCurrent current) {
                data.put("alreadyCurrent", true);
                completed(current.hash(), data);
            } else if (result instanceof RolloutResult.Halted h) {
                stopped(ReconcileOutcome.ROLLOUT_FAILED, AuditTypes.ROLLOUT_FAILED, h.stop(), data);
            } else if (result instanceof RolloutResult.RolledBack r) {
                data.put("restoredHash", r.restoredHash());
                stopped(
                        ReconcileOutcome.ROLLED_BACK,
                        AuditTypes.ROLLOUT_ROLLED_BACK,
                        r.stop(),
                        data);
            } else if (result instanceof RolloutResult.RetryLater later) {
                retry = true;
                stopped(
                        ReconcileOutcome.ROLLOUT_DEFERRED,
                        AuditTypes.ROLLOUT_DEFERRED,
                        later.stop(),
                        data);
            } else if (result instanceof RolloutResult.NoTarget n) {
                finish(ReconcileOutcome.RENDERED_ONLY, n.reason());
                data.put("reason", n.reason());
                emit(AuditTypes.ROLLOUT_SKIPPED, data);
            }
            metrics.control(guard.seen());
            guard.newlyHeld().ifPresent(h -> emit(AuditTypes.BUNDLE_HELD, heldData(h)));
            guard.released()
                    .ifPresent(
                            h ->
                                    released(
                                            h,
                                            h.hash().equals(hash)
                                                    ? "it rolled out"
                                                    : "a different bundle rolled out"));
        }

        private void completed(String rolledOut, Map<String, Object> data) {
            finish(ReconcileOutcome.ROLLED_OUT, "");
            metrics.rolledOut(clock.instant());
            metrics.published(rolledOut);
            emit(AuditTypes.ROLLOUT_COMPLETED, data);
        }

        /** A rollout that did not complete: its typed stop in the audit, its text as message. */
        private void stopped(
                ReconcileOutcome outcome,
                String auditType,
                RolloutStop stop,
                Map<String, Object> data) {
            finish(outcome, stop.text());
            data.put("reason", stop.text());
            data.put("reasonCode", stop.code());
            stop.peer().ifPresent(p -> data.put("stoppedAtPeer", p.keyword()));
            emit(auditType, data);
        }

        private void released(HeldBundle held, String because) {
            emit(
                    AuditTypes.BUNDLE_RELEASED,
                    data(
                            "heldHash",
                            held.hash(),
                            "heldAt",
                            held.heldAt().toString(),
                            "failures",
                            held.failures(),
                            "because",
                            because));
        }

        /** Equal published hash is enough unless a peer reports running something else. */
        private boolean peersRun(String expected) {
            return rollout.peers().stream()
                    .allMatch(p -> p.runningHash().map(expected::equals).orElse(true));
        }

        void finish(ReconcileOutcome outcome, String message) {
            this.outcome = outcome;
            this.message = message == null ? "" : message;
        }

        void emit(String type, Map<String, Object> data) {
            audit.send(new AuditRecord(type, hash, clock.instant(), null, data));
        }
    }

    private static List<Map<String, Object>> stepData(List<RolloutStepTiming> steps) {
        return steps.stream()
                .map(
                        s -> {
                            Map<String, Object> m = new LinkedHashMap<>();
                            m.put("step", s.name());
                            s.peer().ifPresent(p -> m.put("peer", p));
                            m.put("startedAt", s.startedAt().toString());
                            m.put("durationMillis", s.took().toMillis());
                            m.put("outcome", s.outcome());
                            m.put("detail", s.detail());
                            return m;
                        })
                .toList();
    }

    /** A held bundle as audit data and {@code /status} show it. */
    static Map<String, Object> heldData(HeldBundle held) {
        return data(
                "heldHash",
                held.hash(),
                "cause",
                held.cause().label(),
                "reason",
                held.reason(),
                "heldAt",
                held.heldAt().toString(),
                "failures",
                held.failures(),
                "retryAt",
                held.retryAt().toString(),
                "override",
                "POST /reconcile?force=true");
    }

    /** The pause as audit data and {@code /status} show it. */
    static Map<String, Object> pauseData(RolloutPause pause) {
        return data(
                "pausedSince",
                pause.since().toString(),
                "note",
                pause.note(),
                "resume",
                "POST /rollouts/resume");
    }

    /** An insertion-ordered map from key/value pairs; null values are left out. */
    static Map<String, Object> data(Object... pairs) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            if (pairs[i + 1] != null) {
                m.put((String) pairs[i], pairs[i + 1]);
            }
        }
        return m;
    }
}
