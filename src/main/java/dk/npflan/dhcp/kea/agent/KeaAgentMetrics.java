package dk.npflan.dhcp.kea.agent;

import com.fasterxml.jackson.databind.JsonNode;
import dk.npflan.dhcp.kea.control.KeaControlClient;
import dk.npflan.dhcp.kea.control.KeaControlException;
import dk.npflan.dhcp.kea.control.SubnetStatistics;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MultiGauge;
import io.micrometer.core.instrument.Tags;
import io.micrometer.prometheus.PrometheusConfig;
import io.micrometer.prometheus.PrometheusMeterRegistry;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;
import java.util.function.ToDoubleFunction;
import org.jboss.logging.Logger;

/**
 * The Kea agent's {@code /metrics}. The subnet address counts come from {@code statistic-get-all}
 * (polled every {@code lease-metrics.refresh}, so a scrape never waits on Kea; not while an apply
 * runs, and never on a request thread: at 10,000 subnets one poll is 5.5 MB that Kea's single
 * thread answers and the agent parses into 30,000 gauge rows) under the names the dhcpd agent uses
 * where the meaning is the same: {@code dhcpd_subnet_size_addresses} (Kea's {@code
 * total-addresses}: the addresses in the subnet's pools), {@code dhcpd_subnet_addresses{state}}
 * with {@code assigned} and {@code declined}, and {@code dhcpd_subnet_utilization_ratio} (assigned
 * / total). Labels: {@code subnet} (the CIDR of the running config's {@code subnet4} with that id)
 * and {@code netbox_id} (the subnet id, which is the NetBox prefix id; empty for the probe and
 * server-network subnets, whose ids are from Kea's top range). The processes: {@code kea_dhcp4_up},
 * {@code kea_ctrl_agent_up}, {@code kea_dhcp4_restarts_total{reason}}, {@code
 * kea_dhcp4_crash_loop}, {@code kea_config_mounted_matches_running}.
 */
final class KeaAgentMetrics implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(KeaAgentMetrics.class);

    /**
     * Subnet ids from here up are the agent's own subnets (probe, server network), not NetBox's.
     */
    static final long RESERVED_IDS = 4294901760L;

    private final PrometheusMeterRegistry registry =
            new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private final KeaControlClient local;
    private final Supplier<Optional<JsonNode>> runningDhcp4;
    private final BooleanSupplier applying;
    private final MultiGauge size;
    private final MultiGauge addresses;
    private final MultiGauge utilization;
    private final ScheduledExecutorService timer =
            Executors.newSingleThreadScheduledExecutor(
                    r -> {
                        Thread t = new Thread(r, "kea-metrics");
                        t.setDaemon(true);
                        return t;
                    });

    KeaAgentMetrics(
            KeaControlClient local,
            Supplier<KeaWatchdog.Status> watchdog,
            Supplier<Optional<JsonNode>> runningDhcp4,
            Supplier<Boolean> configMatches,
            BooleanSupplier applying) {
        this.local = local;
        this.runningDhcp4 = runningDhcp4;
        this.applying = applying;
        gauge("kea.dhcp4.up", "1 while kea-dhcp4 runs", watchdog, s -> s.running() ? 1 : 0);
        gauge(
                "kea.ctrl.agent.up",
                "1 while kea-ctrl-agent runs (Kea before 2.7.2 only; absent otherwise)",
                watchdog,
                s ->
                        s.daemons().stream()
                                        .anyMatch(
                                                d ->
                                                        d.name().equals("kea-ctrl-agent")
                                                                && d.running())
                                ? 1
                                : 0);
        gauge(
                "kea.dhcp4.crash.loop",
                "1 while kea-dhcp4 exits again and again (crash-loop threshold reached)",
                watchdog,
                s -> s.crashLoop() ? 1 : 0);
        for (String reason : List.of("automatic", "requested")) {
            ToDoubleFunction<KeaWatchdog.Status> count =
                    reason.equals("automatic")
                            ? KeaWatchdog.Status::automaticRestarts
                            : KeaWatchdog.Status::requestedRestarts;
            FunctionCounter.builder(
                            "kea.dhcp4.restarts", watchdog, w -> count.applyAsDouble(w.get()))
                    .description(
                            "kea-dhcp4 starts by the agent after it died (automatic) or on"
                                    + " request (requested); applies are no restarts")
                    .tag("reason", reason)
                    .register(registry);
        }
        Gauge.builder("kea.config.mounted.matches.running", configMatches, m -> m.get() ? 1 : 0)
                .description("1 when the mounted bundle hashes to the one last applied")
                .strongReference(true)
                .register(registry);
        size =
                MultiGauge.builder("dhcpd.subnet.size.addresses")
                        .description("Addresses in the pools of a Kea subnet (total-addresses)")
                        .register(registry);
        addresses =
                MultiGauge.builder("dhcpd.subnet.addresses")
                        .description(
                                "Addresses of a Kea subnet by state: assigned-addresses,"
                                        + " declined-addresses")
                        .register(registry);
        utilization =
                MultiGauge.builder("dhcpd.subnet.utilization")
                        .baseUnit("ratio")
                        .description("Assigned over total addresses of a Kea subnet")
                        .register(registry);
    }

    /**
     * Polls {@code statistic-get-all} every {@code refresh}, skipping the polls that fall into an
     * apply: Kea answers one command at a time, and a poll queued before {@code config-set} or the
     * takeover's {@code ha-scopes} delays it by the whole answer.
     */
    void start(Duration refresh) {
        long period = Math.max(100, refresh.toMillis());
        timer.scheduleWithFixedDelay(
                () -> {
                    if (!applying.getAsBoolean()) {
                        refresh();
                    }
                },
                0,
                period,
                TimeUnit.MILLISECONDS);
    }

    /**
     * One poll as soon as the metrics thread is free, so the subnets of a config just applied show
     * without waiting a whole period; the caller does not wait for it.
     */
    void refreshSoon() {
        if (!timer.isShutdown()) {
            timer.execute(this::refresh);
        }
    }

    private static void putSubnets(JsonNode parent, Map<Long, String> cidrs) {
        for (JsonNode subnet : parent.path("subnet4")) {
            cidrs.put(subnet.path("id").asLong(), subnet.path("subnet").asText());
        }
    }

    /** One poll: the subnets' counts replace the last ones. */
    void refresh() {
        Optional<JsonNode> dhcp4 = runningDhcp4.get();
        if (dhcp4.isEmpty()) {
            return;
        }
        List<SubnetStatistics> statistics;
        try {
            statistics = local.statisticGetAll();
        } catch (KeaControlException e) {
            LOG.debugf("statistic-get-all: %s", e.getMessage());
            return;
        }
        Map<Long, String> cidrs = new HashMap<>();
        putSubnets(dhcp4.get(), cidrs);
        for (JsonNode network : dhcp4.get().path("shared-networks")) {
            putSubnets(network, cidrs); // the subnets of a shared network keep their ids
        }
        List<MultiGauge.Row<?>> sizes = new ArrayList<>();
        List<MultiGauge.Row<?>> counts = new ArrayList<>();
        List<MultiGauge.Row<?>> ratios = new ArrayList<>();
        for (SubnetStatistics s : statistics) {
            String cidr = cidrs.get(s.subnetId());
            if (cidr == null) {
                continue; // a subnet of a config no longer running
            }
            Tags tags =
                    Tags.of(
                            "subnet",
                            cidr,
                            "netbox_id",
                            s.subnetId() < RESERVED_IDS ? Long.toString(s.subnetId()) : "");
            sizes.add(MultiGauge.Row.of(tags, s.totalAddresses()));
            counts.add(MultiGauge.Row.of(tags.and("state", "assigned"), s.assignedAddresses()));
            counts.add(MultiGauge.Row.of(tags.and("state", "declined"), s.declinedAddresses()));
            ratios.add(
                    MultiGauge.Row.of(
                            tags,
                            s.totalAddresses() == 0
                                    ? 0.0
                                    : (double) s.assignedAddresses() / s.totalAddresses()));
        }
        size.register(sizes, true);
        addresses.register(counts, true);
        utilization.register(ratios, true);
    }

    String scrape() {
        return registry.scrape();
    }

    @Override
    public void close() {
        timer.shutdownNow();
    }

    private <T> void gauge(
            String name, String help, Supplier<T> source, ToDoubleFunction<T> value) {
        Gauge.builder(name, source, s -> value.applyAsDouble(s.get()))
                .description(help)
                .strongReference(true)
                .register(registry);
    }
}
