package dk.npflan.dhcp.pipeline;

import dk.npflan.dhcp.audit.AuditTail;
import dk.npflan.dhcp.config.RenderedConfig;
import dk.npflan.dhcp.rollout.RolloutControl;
import dk.npflan.dhcp.rollout.SubnetUtilization;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jboss.logging.Logger;

/**
 * Builds the one status document that {@code GET /status} returns as JSON and the status page at
 * {@code /} renders: published hash, peers, the last reconcile and rollout (with steps and
 * timings), the last diff, a hold in force, the pause and a bundle held after a failure (with when
 * it is tried again), and the events waiting; the last rollouts and reconciles, the agents' pool
 * counts per subnet (the fullest {@link #TOP_SUBNETS}, from {@link PoolUsageCache}: never waited
 * for) and the audit tail. Plain maps and lists, so JSON and the template read the same names.
 */
@ApplicationScoped
public class StatusView {

    private static final Logger LOG = Logger.getLogger(StatusView.class);

    private final ConfigRollout rollout;
    private final ReconcileHistory history;
    private final ReconcileLoop loop;
    private final PoolUsageCache pools;
    private final AuditTail audit;
    private final InventoryOutage outage;
    private final Clock clock = Clock.systemUTC();

    /** Subnets the page lists by name; the rest are counted. */
    static final int TOP_SUBNETS = 20;

    public StatusView(
            ConfigRollout rollout,
            ReconcileHistory history,
            ReconcileLoop loop,
            PoolUsageCache pools,
            AuditTail audit,
            InventoryOutage outage) {
        this.rollout = rollout;
        this.history = history;
        this.loop = loop;
        this.pools = pools;
        this.audit = audit;
        this.outage = outage;
    }

    public Map<String, Object> build() {
        Map<String, Object> status = new LinkedHashMap<>();
        status.put("generatedAt", clock.instant().toString());
        String publishedHash = null;
        List<Map<String, Object>> peers = new ArrayList<>();
        try {
            publishedHash = rollout.published().map(RenderedConfig::sha256).orElse(null);
            for (PeerStatus peer : rollout.peers()) {
                peers.add(peer(peer));
            }
        } catch (RuntimeException e) {
            LOG.warnf("status: the rollout target could not be asked: %s", e.toString());
            status.put("rolloutError", e.getMessage());
        }
        status.put("publishedHash", publishedHash);
        status.put("peers", peers);
        status.put("netbox", outage.status());
        status.put("lastReconcile", history.last().map(StatusView::report).orElse(null));
        status.put("lastRollout", history.lastRollout().map(StatusView::report).orElse(null));
        status.put(
                "lastDiff",
                history.lastRendered().flatMap(r -> r.diff().map(d -> diff(d, r))).orElse(null));
        status.put("held", history.held().map(StatusView::held).orElse(null));
        try {
            RolloutControl control = rollout.control().read();
            status.put("paused", control.pause().map(Reconciler::pauseData).orElse(null));
            status.put("heldBundle", control.held().map(Reconciler::heldData).orElse(null));
        } catch (RuntimeException e) {
            LOG.warnf("status: the rollout control could not be read: %s", e.toString());
            status.put("rolloutControlError", e.getMessage());
        }
        ReconcileLoop.Backlog backlog = loop.backlog();
        Map<String, Object> pending = new LinkedHashMap<>();
        pending.put("events", backlog.events());
        pending.put(
                "oldestAgeSeconds",
                backlog.oldest()
                        .map(o -> Duration.between(o, clock.instant()).toMillis() / 1000.0)
                        .orElse(null));
        pending.put("reconcileRunning", backlog.running());
        status.put("pending", pending);
        status.put(
                "recentRollouts",
                history.recentRollouts().stream().map(StatusView::report).toList());
        status.put("recentReconciles", history.recent().stream().map(StatusView::report).toList());
        status.put("pools", pools.current().map(StatusView::pools).orElse(null));
        status.put("auditTail", audit.entries().stream().map(StatusView::auditEntry).toList());
        return status;
    }

    /** The held report and what the sanity bound saw in its diff. */
    private static Map<String, Object> held(ReconcileReport r) {
        Map<String, Object> m = report(r);
        m.put("boundSaw", r.diff().map(StatusView::boundSaw).orElse(null));
        return m;
    }

    private static Map<String, Object> boundSaw(SubnetDiff d) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("removed", d.removed().size());
        m.put("publishedSubnets", d.publishedSubnets());
        m.put("removedShare", d.removedShare());
        m.put("removedSubnets", d.removed().stream().limit(TOP_SUBNETS).toList());
        return m;
    }

    static Map<String, Object> pools(PoolUsageCache.Reading reading) {
        List<SubnetUtilization> rows = PoolUsageCache.bySubnet(reading);
        List<Map<String, Object>> top = new ArrayList<>();
        for (SubnetUtilization s : rows.subList(0, Math.min(TOP_SUBNETS, rows.size()))) {
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("subnet", s.subnet());
            row.put("utilization", s.utilization());
            row.put("active", s.active() < 0 ? null : s.active());
            row.put("addresses", s.size() < 0 ? null : s.size());
            top.add(row);
        }
        List<Map<String, Object>> peers = new ArrayList<>();
        for (PeerPoolUsage p : reading.peers()) {
            Map<String, Object> peer = new LinkedHashMap<>();
            peer.put("role", p.role());
            peer.put("subnets", p.subnets().size());
            peer.put("error", p.error().orElse(null));
            peers.add(peer);
        }
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("readAt", reading.at().toString());
        m.put("subnets", top);
        m.put("more", rows.size() - top.size());
        m.put("peers", peers);
        return m;
    }

    private static Map<String, Object> auditEntry(AuditTail.Entry e) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("time", e.time().toString());
        m.put("type", e.type());
        m.put("subject", e.subject().orElse(null));
        m.put("correlation", e.correlation().orElse(null));
        m.put("summary", e.summary());
        return m;
    }

    private static Map<String, Object> peer(PeerStatus p) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("role", p.role());
        m.put("runningHash", p.runningHash().orElse(null));
        m.put("mountedHash", p.mountedHash().orElse(null));
        m.put("localState", p.localState().orElse(null));
        m.put("partnerState", p.partnerState().orElse(null));
        m.put("localHealth", p.localHealth().map(Enum::name).orElse(null));
        m.put("partnerHealth", p.partnerHealth().map(Enum::name).orElse(null));
        m.put("ready", p.ready());
        m.put("error", p.error().orElse(null));
        return m;
    }

    static Map<String, Object> report(ReconcileReport r) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("reconcileId", r.reconcileId());
        m.put("trigger", r.trigger().label());
        m.put("force", r.force());
        m.put("startedAt", r.startedAt().toString());
        m.put("durationMillis", r.took().toMillis());
        m.put("outcome", r.outcome().label());
        m.put("hash", r.hash().orElse(null));
        m.put("events", r.events());
        m.put("netboxRequestIds", r.requestIds());
        m.put("netboxUsers", r.users());
        m.put("message", r.message());
        List<Map<String, Object>> steps = new ArrayList<>();
        for (RolloutStepTiming s : r.steps()) {
            Map<String, Object> step = new LinkedHashMap<>();
            step.put("step", s.name());
            step.put("peer", s.peer().orElse(null));
            step.put("startedAt", s.startedAt().toString());
            step.put("durationMillis", s.took().toMillis());
            step.put("outcome", s.outcome());
            step.put("detail", s.detail());
            steps.add(step);
        }
        m.put("steps", steps);
        m.put("errors", r.errors());
        return m;
    }

    static Map<String, Object> diff(SubnetDiff d, ReconcileReport r) {
        Map<String, Object> m = diff(d);
        m.put("reconcileId", r.reconcileId());
        m.put("hash", r.hash().orElse(null));
        return m;
    }

    static Map<String, Object> diff(SubnetDiff d) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("added", d.added());
        m.put("removed", d.removed());
        m.put("changed", d.changed());
        m.put("publishedSubnets", d.publishedSubnets());
        m.put("reservations", changes(d.reservations()));
        return m;
    }

    /**
     * Host reservations added, removed, changed by {@code nbd-ip-<id>}, and how many were
     * published.
     */
    static Map<String, Object> changes(ChangeSet c) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("added", c.added());
        m.put("removed", c.removed());
        m.put("changed", c.changed());
        m.put("published", c.published());
        return m;
    }
}
