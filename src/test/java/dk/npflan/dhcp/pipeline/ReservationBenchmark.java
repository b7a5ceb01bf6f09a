package dk.npflan.dhcp.pipeline;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dk.npflan.dhcp.CommandConfiguration;
import dk.npflan.dhcp.TestSettings;
import dk.npflan.dhcp.config.DhcpdConfigRenderer;
import dk.npflan.dhcp.config.DhcpdSettings;
import dk.npflan.dhcp.config.RenderedConfig;
import dk.npflan.dhcp.config.ServerModel;
import dk.npflan.dhcp.kea.KeaConfigRenderer;
import dk.npflan.dhcp.kea.KeaSettings;
import dk.npflan.dhcp.netbox.FakeNetBox;
import dk.npflan.dhcp.netbox.Inventory;
import dk.npflan.dhcp.netbox.NetBoxClient;
import dk.npflan.dhcp.netbox.NetBoxInventorySource;
import dk.npflan.dhcp.netbox.NetBoxObjects;
import dk.npflan.dhcp.netbox.PrefixSelection;
import dk.npflan.dhcp.netbox.SelectedInventory;
import dk.npflan.dhcp.validate.ConfigBuild;
import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Benchmark for docs/benchmarks.md (not a test): a snapshot of N prefixes (each with an IP range)
 * and R host reservations (IP addresses with status {@code dhcp}, each on its own device interface,
 * NetBox 4.2 shape) from the fake NetBox answering every page after a delay, then model, checks and
 * render for dhcpd and for Kea; wall time per step and the heap in use after a GC with the snapshot
 * and both renders held. Run: {@code java -Xmx2g -cp target/classes:target/test-classes:<deps>
 * dk.npflan.dhcp.pipeline.ReservationBenchmark [prefixes reservations delay-ms rounds]}.
 */
public final class ReservationBenchmark {

    private static final String TOKEN = "0123456789abcdef0123456789abcdef01234567";

    private ReservationBenchmark() {}

    public static void main(String[] args) throws Exception {
        int prefixes = args.length > 0 ? Integer.parseInt(args[0]) : 10_000;
        int reservations = args.length > 1 ? Integer.parseInt(args[1]) : 50_000;
        Duration delay = Duration.ofMillis(args.length > 2 ? Long.parseLong(args[2]) : 100);
        int rounds = args.length > 3 ? Integer.parseInt(args[3]) : 3;
        List<ObjectNode> ranges = new ArrayList<>();
        for (long id = 1; id <= prefixes; id++) {
            ranges.add(NetBoxObjects.range(id));
        }
        List<ObjectNode> addresses = new ArrayList<>();
        List<ObjectNode> interfaces = new ArrayList<>();
        int perPrefix = (reservations + prefixes - 1) / prefixes;
        for (long id = 1; id <= reservations; id++) {
            long prefix = 1 + (id - 1) / perPrefix;
            addresses.add(NetBoxObjects.ipAddress(id, prefix, 10 + (int) ((id - 1) % perPrefix)));
            interfaces.add(NetBoxObjects.deviceInterface(id));
        }
        DhcpdSettings settings = TestSettings.dhcpd();
        KeaConfigRenderer kea =
                new KeaConfigRenderer(
                        CommandConfiguration.load(Map.of(), Map.of(), KeaSettings.class)
                                .getConfigMapping(KeaSettings.class));
        try (FakeNetBox netbox =
                FakeNetBox.start(
                        TOKEN,
                        NetBoxObjects.taggedPrefixes(prefixes),
                        ranges,
                        addresses,
                        interfaces)) {
            netbox.slow("*", delay, Integer.MAX_VALUE);
            NetBoxClient client = CandidateBenchmark.client(netbox, 1000, 4);
            PrefixSelection selection = PrefixSelection.byTag("dhcp");
            NetBoxInventorySource source = new NetBoxInventorySource(client, selection);
            for (int round = 0; round < rounds; round++) {
                int requests = netbox.requests().size();
                long t0 = System.nanoTime();
                Inventory inventory = source.load();
                long t1 = System.nanoTime();
                SelectedInventory selected = selection.apply(inventory);
                ConfigBuild.Result dhcpd =
                        build(selected, settings, new DhcpdConfigRenderer()::render);
                long t2 = System.nanoTime();
                ConfigBuild.Result keaBuild = build(selected, settings, kea::render);
                long t3 = System.nanoTime();
                System.gc();
                long heap =
                        ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed() >> 20;
                int rendered =
                        dhcpd.model().subnets().stream()
                                .mapToInt(s -> s.reservations().size())
                                .sum();
                System.out.printf(
                        "BENCH round %d prefixes=%d reservations=%d (rendered %d, errors %d/%d)"
                                + " delay=%d ms requests=%d: snapshot %.0f ms | dhcpd"
                                + " model+checks+render %.0f ms (%d bytes) | kea model+checks+render"
                                + " %.0f ms (%d bytes) | heap after GC %d MiB%n",
                        round,
                        prefixes,
                        reservations,
                        rendered,
                        dhcpd.errors().size(),
                        keaBuild.errors().size(),
                        delay.toMillis(),
                        netbox.requests().size() - requests,
                        ms(t1 - t0),
                        ms(t2 - t1),
                        dhcpd.rendered().config().length(),
                        ms(t3 - t2),
                        keaBuild.rendered().files().values().stream()
                                .mapToInt(String::length)
                                .sum(),
                        heap);
            }
        }
    }

    private static ConfigBuild.Result build(
            SelectedInventory selected,
            DhcpdSettings settings,
            Function<ServerModel, RenderedConfig> renderer) {
        return ConfigBuild.from(
                selected.prefixes(), selected.ipRanges(), selected.hosts(), settings, renderer);
    }

    private static double ms(long nanos) {
        return nanos / 1e6;
    }
}
