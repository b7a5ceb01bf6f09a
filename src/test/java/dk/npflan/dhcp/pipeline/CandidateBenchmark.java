package dk.npflan.dhcp.pipeline;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dk.npflan.dhcp.CommandConfiguration;
import dk.npflan.dhcp.TestSettings;
import dk.npflan.dhcp.config.DhcpdSettings;
import dk.npflan.dhcp.config.PeerRole;
import dk.npflan.dhcp.dhcpd.DhcpdBackend;
import dk.npflan.dhcp.dhcpd.DhcpdSyntaxChecker;
import dk.npflan.dhcp.dhcpd.RoleCheck;
import dk.npflan.dhcp.dhcpd.SyntaxCheck;
import dk.npflan.dhcp.netbox.FakeNetBox;
import dk.npflan.dhcp.netbox.Inventory;
import dk.npflan.dhcp.netbox.NetBoxClient;
import dk.npflan.dhcp.netbox.NetBoxInventorySource;
import dk.npflan.dhcp.netbox.NetBoxObjects;
import dk.npflan.dhcp.netbox.NetBoxSettings;
import dk.npflan.dhcp.netbox.PrefixSelection;
import dk.npflan.dhcp.netbox.QueryParameter;
import dk.npflan.dhcp.netbox.RetryPolicy;
import dk.npflan.dhcp.netbox.SelectedInventory;
import dk.npflan.dhcp.validate.ConfigBuild;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Breakdown of one reconcile's candidate (docs/benchmarks.md §12): the NetBox snapshot from a
 * {@link FakeNetBox} over HTTP (one page on its own, then the whole snapshot), selection, model +
 * checks + render, and each role's real {@code dhcpd -t}, then {@link CandidateBuilder}'s path as a
 * whole. The inventory is the one {@link PipelineLatencyBenchmark} builds: /24 prefixes with a
 * {@code .100-.199} range each. Not a test. Run: {@code java -cp
 * target/classes:target/test-classes:<deps> dk.npflan.dhcp.pipeline.CandidateBenchmark [prefixes
 * [rounds [page-size [FULL|FIRST_ADDRESS]]]]}.
 */
public final class CandidateBenchmark {

    private static final String TOKEN = "0123456789abcdef0123456789abcdef01234567";

    private CandidateBenchmark() {}

    public static void main(String[] args) throws Exception {
        int prefixes = args.length > 0 ? Integer.parseInt(args[0]) : 10_000;
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 5;
        int pageSize = args.length > 2 ? Integer.parseInt(args[2]) : 1000;
        String secondaryCheck = args.length > 3 ? args[3] : "FULL";
        int concurrency = args.length > 4 ? Integer.parseInt(args[4]) : 4;
        Duration pageDelay = Duration.ofMillis(args.length > 5 ? Long.parseLong(args[5]) : 0);
        List<ObjectNode> ranges = new ArrayList<>();
        for (long id = 1; id <= prefixes; id++) {
            ranges.add(NetBoxObjects.range(id));
        }
        DhcpdSettings settings =
                TestSettings.dhcpd(
                        Map.of("netbox-dhcpd.config.validation.secondary-check", secondaryCheck));
        DhcpdSyntaxChecker checker = TestSettings.syntaxChecker(settings);
        try (FakeNetBox netbox =
                FakeNetBox.start(TOKEN, NetBoxObjects.taggedPrefixes(prefixes), ranges)) {
            if (!pageDelay.isZero()) { // a NetBox that needs this long for every answer
                netbox.slow(NetBoxInventorySource.PREFIXES, pageDelay, Integer.MAX_VALUE);
                netbox.slow(NetBoxInventorySource.IP_RANGES, pageDelay, Integer.MAX_VALUE);
            }
            NetBoxClient client = client(netbox, pageSize, concurrency);
            PrefixSelection selection = PrefixSelection.byTag("dhcp");
            NetBoxInventorySource source = new NetBoxInventorySource(client, selection);
            for (int round = 0; round < rounds; round++) {
                long t0 = System.nanoTime();
                client.get(
                        NetBoxInventorySource.PREFIXES,
                        List.of(
                                new QueryParameter("tag", "dhcp"),
                                new QueryParameter("limit", String.valueOf(pageSize)),
                                new QueryParameter("offset", "0")));
                long t1 = System.nanoTime();
                Inventory inventory = source.load();
                long t2 = System.nanoTime();
                SelectedInventory selected = selection.apply(inventory);
                ConfigBuild.Result build =
                        ConfigBuild.from(selected.prefixes(), selected.ipRanges(), settings);
                long t3 = System.nanoTime();
                SyntaxCheck both = checker.check(build.rendered());
                long t4 = System.nanoTime();
                RoleCheck primary = both.role(PeerRole.PRIMARY);
                RoleCheck secondary = both.role(PeerRole.SECONDARY);
                System.out.printf(
                        "BENCH round %d prefixes=%d pages=%d concurrency=%d delay=%d ms: one page %.0f ms | snapshot %.0f ms"
                                + " | select+model+checks+render %.0f ms (%d bytes) | dhcpd -t both"
                                + " %.0f ms (primary %d ms %s, secondary %s %d ms %s) | total %.0f"
                                + " ms%n",
                        round,
                        prefixes,
                        2 * ((prefixes + pageSize - 1) / pageSize),
                        concurrency,
                        pageDelay.toMillis(),
                        ms(t1 - t0),
                        ms(t2 - t1),
                        ms(t3 - t2),
                        build.rendered().config().length(),
                        ms(t4 - t3),
                        primary.elapsed().toMillis(),
                        primary.outcome(),
                        secondaryCheck,
                        secondary.elapsed().toMillis(),
                        secondary.outcome(),
                        ms(t4 - t1));
            }
            CandidateBuilder builder =
                    new CandidateBuilder(
                            source,
                            CommandConfiguration.load(Map.of(), NetBoxSettings.class)
                                    .getConfigMapping(NetBoxSettings.class),
                            settings,
                            new DhcpdBackend(
                                    DhcpdSyntaxChecker.from(
                                            settings, TestSettings.process(Map.of()))));
            for (int round = 0; round < rounds; round++) {
                long t0 = System.nanoTime();
                Candidate candidate = builder.build();
                long t1 = System.nanoTime();
                System.out.printf(
                        "BENCH CandidateBuilder.build round %d: %.0f ms (%s)%n",
                        round, ms(t1 - t0), candidate.getClass().getSimpleName());
            }
        }
    }

    private static double ms(long nanos) {
        return nanos / 1e6;
    }

    /** A client of the fake for benchmarks: one attempt per request, a 30 s read timeout. */
    static NetBoxClient client(FakeNetBox netbox, int pageSize, int concurrency) {
        return new NetBoxClient(
                netbox.baseUrl(),
                netbox.token(),
                pageSize,
                concurrency,
                Duration.ofSeconds(5),
                Duration.ofSeconds(30),
                new RetryPolicy(
                        1, Duration.ofMillis(100), Duration.ofSeconds(1), Duration.ofSeconds(1)),
                new ObjectMapper(),
                Clock.systemUTC(),
                d -> Thread.sleep(d.toMillis()));
    }
}
