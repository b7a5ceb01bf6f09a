package dk.npflan.dhcp.pipeline;

import dk.npflan.dhcp.netbox.InventoryProblem;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Since when NetBox (or the inventory file) could not be read: set by the first reconcile whose
 * snapshot failed after one that read it, kept across every failed one after it, cleared by the
 * next snapshot that was read whole. A single failure is an audit record; an outage of minutes is
 * this, for {@code /status} and {@code netbox_dhcpd_netbox_failing_since_timestamp_seconds}, so the
 * operator sees one start time instead of counting {@code reconcile.failed} records.
 */
@ApplicationScoped
public class InventoryOutage {

    /** The outage in progress. */
    public record Failing(
            Instant since,
            int failures,
            InventoryProblem problem,
            String message,
            Instant lastAt) {}

    // guarded by this
    private Failing failing;
    private Instant lastReadAt;

    public InventoryOutage(MeterRegistry registry) {
        Gauge.builder(
                        "netbox.dhcpd.netbox.failing.since.timestamp.seconds",
                        this,
                        o -> o.failing().map(f -> f.since().getEpochSecond()).orElse(0L))
                .description(
                        "Unix time of the first reconcile in a row that could not read NetBox"
                                + " (0: the last snapshot was read whole)")
                .register(registry);
        Gauge.builder(
                        "netbox.dhcpd.netbox.consecutive.failures",
                        this,
                        o -> o.failing().map(Failing::failures).orElse(0))
                .description("Reconciles in a row whose NetBox snapshot could not be read")
                .register(registry);
    }

    synchronized void failed(Instant at, InventoryProblem problem, String message) {
        failing =
                failing == null
                        ? new Failing(at, 1, problem, message, at)
                        : new Failing(
                                failing.since(), failing.failures() + 1, problem, message, at);
    }

    synchronized void read(Instant at) {
        failing = null;
        lastReadAt = at;
    }

    public synchronized Optional<Failing> failing() {
        return Optional.ofNullable(failing);
    }

    /** The {@code /status} entry: {@code failingSince} is null while NetBox reads fine. */
    synchronized Map<String, Object> status() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("failingSince", failing == null ? null : failing.since().toString());
        m.put("failures", failing == null ? 0 : failing.failures());
        m.put("problem", failing == null ? null : failing.problem().name());
        m.put("message", failing == null ? null : failing.message());
        m.put("lastFailedAt", failing == null ? null : failing.lastAt().toString());
        m.put("lastReadAt", lastReadAt == null ? null : lastReadAt.toString());
        return m;
    }
}
