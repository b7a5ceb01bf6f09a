package dk.npflan.dhcp.agent.leases;

import dk.npflan.dhcp.omapi.BindingState;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.MultiGauge;
import io.micrometer.core.instrument.Tag;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.binder.MeterBinder;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.ToDoubleFunction;

/**
 * Exposes a {@link PoolUsageMonitor}'s counts as Micrometer meters, which the Prometheus registry
 * renders as {@code dhcpd_pool_addresses{subnet,range,state}}, {@code
 * dhcpd_pool_utilization_ratio{subnet,range}}, {@code dhcpd_subnet_addresses{subnet,state}} and the
 * lease-file meters (docs/dhcpd.md lists them all). Labels come only from the running config
 * (subnet CIDR, range bounds) and fixed sets (state, reason): never from lease content, so the
 * series count is bounded by the config. Every gauge reads the monitor's last result; when the
 * pools change, the per-pool series are replaced on the next refresh. Subnets without ranges (the
 * server network) get no series.
 */
public final class PoolUsageMetrics implements MeterBinder {

    /** One {@code state} tag per state, shared by all series (there are ~100,000 at scale). */
    private static final List<Tag> STATE_TAGS =
            StateCounts.STATES.stream()
                    .map(state -> Tag.of("state", state.name().toLowerCase(Locale.ROOT)))
                    .toList();

    private final PoolUsageMonitor monitor;
    private final PoolMetricsDetail detail;
    private MultiGauge poolAddresses;
    private MultiGauge poolSize;
    private MultiGauge poolUtilization;
    private MultiGauge subnetAddresses;
    private MultiGauge subnetSize;
    private MultiGauge subnetUtilization;
    private PoolLayout registeredLayout;

    /** All series: per subnet and per range. */
    public PoolUsageMetrics(PoolUsageMonitor monitor) {
        this(monitor, PoolMetricsDetail.SUBNETS_AND_RANGES);
    }

    public PoolUsageMetrics(PoolUsageMonitor monitor, PoolMetricsDetail detail) {
        this.monitor = monitor;
        this.detail = detail;
    }

    @Override
    public synchronized void bindTo(MeterRegistry registry) {
        poolAddresses =
                multiGauge(
                        registry,
                        "dhcpd.pool.addresses",
                        null,
                        "Addresses of a dhcpd range by binding state, from the lease file"
                                + " (addresses without a lease count as free)");
        poolSize =
                multiGauge(
                        registry,
                        "dhcpd.pool.size.addresses",
                        null,
                        "Addresses in a dhcpd range of the running config");
        poolUtilization =
                multiGauge(
                        registry,
                        "dhcpd.pool.utilization",
                        "ratio",
                        "Active addresses over all addresses of a dhcpd range");
        subnetAddresses =
                multiGauge(
                        registry,
                        "dhcpd.subnet.addresses",
                        null,
                        "Addresses in the ranges of a dhcpd subnet by binding state"
                                + " (addresses without a lease count as free)");
        subnetSize =
                multiGauge(
                        registry,
                        "dhcpd.subnet.size.addresses",
                        null,
                        "Addresses in the ranges of a dhcpd subnet");
        subnetUtilization =
                multiGauge(
                        registry,
                        "dhcpd.subnet.utilization",
                        "ratio",
                        "Active addresses over all range addresses of a dhcpd subnet");
        for (LeaseSkipReason reason : LeaseSkipReason.values()) {
            FunctionCounter.builder(
                            "dhcpd.leases.parse.errors", monitor, m -> m.stats().skipped(reason))
                    .description("Lease-file blocks skipped because they could not be used")
                    .tag("reason", reason.label())
                    .register(registry);
        }
        FunctionCounter.builder("dhcpd.leases.rewrites", monitor, m -> m.stats().rewrites())
                .description("Times dhcpd rewrote the lease file and it was read again")
                .register(registry);
        FunctionCounter.builder("dhcpd.leases.read.errors", monitor, m -> m.stats().readErrors())
                .description("Lease-file polls that failed with an I/O error")
                .register(registry);
        Gauge.builder("dhcpd.leases.file", monitor, m -> m.stats().fileBytes())
                .baseUnit("bytes")
                .description("Size of the dhcpd lease file at the last poll")
                .register(registry);
        Gauge.builder("dhcpd.leases.addresses", monitor, m -> m.usage().leases())
                .description("Distinct addresses with a lease entry in the lease file")
                .register(registry);
        Gauge.builder(
                        "dhcpd.leases.outside.ranges.addresses",
                        monitor,
                        m -> m.usage().leasesOutsideRanges())
                .description("Addresses with a lease entry that are in no range of the config")
                .register(registry);
        monitor.addListener(this::follow);
        follow(monitor.usage());
    }

    /** Replaces the per-pool series when the layout of the counts is not the registered one. */
    private synchronized void follow(PoolUsage usage) {
        PoolLayout layout = usage.layout();
        if (layout == registeredLayout || poolAddresses == null) {
            return;
        }
        List<MultiGauge.Row<?>> addresses = new ArrayList<>();
        List<MultiGauge.Row<?>> sizes = new ArrayList<>();
        List<MultiGauge.Row<?>> utilizations = new ArrayList<>();
        List<MultiGauge.Row<?>> subnetAddressRows = new ArrayList<>();
        List<MultiGauge.Row<?>> subnetSizes = new ArrayList<>();
        List<MultiGauge.Row<?>> subnetUtilizations = new ArrayList<>();
        List<PoolUsage.SubnetUsage> subnets = usage.subnets();
        for (int s = 0; s < subnets.size(); s++) {
            PoolUsage.SubnetUsage subnet = subnets.get(s);
            if (subnet.ranges().isEmpty()) {
                continue;
            }
            String cidr = subnet.subnet().cidr();
            Tags subnetTags = Tags.of("subnet", cidr);
            int si = s;
            subnetSizes.add(row(subnetTags, layout, u -> u.subnets().get(si).counts().total()));
            subnetUtilizations.add(
                    row(subnetTags, layout, u -> u.subnets().get(si).counts().utilization()));
            for (int i = 0; i < STATE_TAGS.size(); i++) {
                BindingState state = StateCounts.STATES.get(i);
                subnetAddressRows.add(
                        row(
                                subnetTags.and(STATE_TAGS.get(i)),
                                layout,
                                u -> u.subnets().get(si).counts().count(state)));
            }
            int rangesExported =
                    detail == PoolMetricsDetail.SUBNETS_AND_RANGES ? subnet.ranges().size() : 0;
            for (int r = 0; r < rangesExported; r++) {
                int ri = r;
                Tags rangeTags =
                        Tags.of("subnet", cidr, "range", subnet.ranges().get(r).range().label());
                sizes.add(row(rangeTags, layout, u -> range(u, si, ri).total()));
                utilizations.add(row(rangeTags, layout, u -> range(u, si, ri).utilization()));
                for (int i = 0; i < STATE_TAGS.size(); i++) {
                    BindingState state = StateCounts.STATES.get(i);
                    addresses.add(
                            row(
                                    rangeTags.and(STATE_TAGS.get(i)),
                                    layout,
                                    u -> range(u, si, ri).count(state)));
                }
            }
        }
        poolAddresses.register(addresses, true);
        poolSize.register(sizes, true);
        poolUtilization.register(utilizations, true);
        subnetAddresses.register(subnetAddressRows, true);
        subnetSize.register(subnetSizes, true);
        subnetUtilization.register(subnetUtilizations, true);
        registeredLayout = layout;
    }

    private static MultiGauge multiGauge(
            MeterRegistry registry, String name, String baseUnit, String description) {
        return MultiGauge.builder(name)
                .baseUnit(baseUnit)
                .description(description)
                .register(registry);
    }

    private static StateCounts range(PoolUsage usage, int subnet, int range) {
        return usage.subnets().get(subnet).ranges().get(range).counts();
    }

    /**
     * A row reading the monitor's current counts; NaN while those are over another layout (in the
     * moment between a layout change and the re-registration).
     */
    private MultiGauge.Row<PoolUsageMonitor> row(
            Tags tags, PoolLayout layout, ToDoubleFunction<PoolUsage> value) {
        return MultiGauge.Row.of(
                tags,
                monitor,
                m -> {
                    PoolUsage usage = m.usage();
                    return usage.layout() == layout ? value.applyAsDouble(usage) : Double.NaN;
                });
    }
}
