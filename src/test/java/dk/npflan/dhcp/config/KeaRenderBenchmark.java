package dk.npflan.dhcp.config;

import dk.npflan.dhcp.CommandConfiguration;
import dk.npflan.dhcp.TestSettings;
import dk.npflan.dhcp.dhcpd.DhcpdSyntaxChecker;
import dk.npflan.dhcp.kea.KeaCheck;
import dk.npflan.dhcp.kea.KeaConfigChecker;
import dk.npflan.dhcp.kea.KeaConfigRenderer;
import dk.npflan.dhcp.kea.KeaSettings;
import dk.npflan.dhcp.validate.ConfigBuild;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Benchmark for docs/benchmarks.md, "Kea rendering" (not a test): the Kea renderer beside the dhcpd
 * renderer on the same model in one warm JVM, then the real {@code kea-dhcp4 -t} and {@code dhcpd
 * -t} for both roles in parallel, on the seed inventory and on {@link RenderBenchmark}'s 10,000 /24
 * prefixes. It lives here to use that generator, so both backends see the §2 inventory. Run: {@code
 * java -cp target/classes:target/test-classes:<deps> dk.npflan.dhcp.config.KeaRenderBenchmark
 * [rounds]}.
 */
public final class KeaRenderBenchmark {

    private static final int WARMUP = 20;
    private static final int RUNS = 20;

    private KeaRenderBenchmark() {}

    public static void main(String[] args) {
        int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 3;
        DhcpdSettings settings = TestSettings.dhcpd();
        KeaSettings kea =
                CommandConfiguration.load(Map.of(), Map.of(), KeaSettings.class)
                        .getConfigMapping(KeaSettings.class);
        ConfigBuild.Result seed = InventoryFixture.build("seed-npflan.json", settings);
        List<dk.npflan.dhcp.netbox.Prefix> prefixes = RenderBenchmark.prefixes(10_000);
        ConfigBuild.Result withRanges =
                ConfigBuild.from(prefixes, RenderBenchmark.ranges(prefixes), settings);
        ConfigBuild.Result defaultPools = ConfigBuild.from(prefixes, List.of(), settings);

        render("seed (" + seed.model().subnets().size() + " prefixes)", seed.model(), kea);
        render("10,000 /24, every 4th with an IP range", withRanges.model(), kea);
        for (ConfigBuild.Result result : List.of(seed, defaultPools)) {
            check(result, settings, kea, rounds);
        }
    }

    private static void render(String name, ServerModel model, KeaSettings kea) {
        KeaConfigRenderer keaRenderer = new KeaConfigRenderer(kea);
        DhcpdConfigRenderer dhcpdRenderer = new DhcpdConfigRenderer();
        double[] keaMs = time(() -> keaRenderer.render(model));
        double[] dhcpdMs = time(() -> dhcpdRenderer.render(model));
        RenderedConfig rendered = keaRenderer.render(model);
        System.out.printf(
                "render %s: kea %.2f ms (min %.2f), %d bytes per role | dhcpd %.2f ms (min %.2f), %d bytes (%d warm-up, %d runs, median)%n",
                name,
                RenderBenchmark.median(keaMs),
                RenderBenchmark.min(keaMs),
                rendered.files().get(KeaConfigRenderer.fileName(PeerRole.PRIMARY)).length(),
                RenderBenchmark.median(dhcpdMs),
                RenderBenchmark.min(dhcpdMs),
                dhcpdRenderer.render(model).config().length(),
                WARMUP,
                RUNS);
    }

    private static void check(
            ConfigBuild.Result result, DhcpdSettings settings, KeaSettings kea, int rounds) {
        RenderedConfig keaFiles = new KeaConfigRenderer(kea).render(result.model());
        KeaConfigChecker keaChecker = KeaConfigChecker.from(kea);
        DhcpdSyntaxChecker dhcpdChecker = TestSettings.syntaxChecker(settings);
        for (int i = 0; i < rounds; i++) {
            long t0 = System.nanoTime();
            KeaCheck keaCheck = keaChecker.check(keaFiles, result.model());
            long t1 = System.nanoTime();
            boolean dhcpdValid = dhcpdChecker.check(result.rendered()).isValid();
            long t2 = System.nanoTime();
            System.out.printf(
                    "-t both roles, %d subnets: kea-dhcp4 %.0f ms (passed=%s; primary %d ms, secondary %d ms) | dhcpd %.0f ms (valid=%s)%n",
                    result.model().subnets().size(),
                    (t1 - t0) / 1e6,
                    keaCheck.passed(),
                    keaCheck.role(PeerRole.PRIMARY).elapsed().toMillis(),
                    keaCheck.role(PeerRole.SECONDARY).elapsed().toMillis(),
                    (t2 - t1) / 1e6,
                    dhcpdValid);
        }
    }

    private static double[] time(Supplier<RenderedConfig> render) {
        double[] ms = new double[RUNS];
        for (int i = -WARMUP; i < RUNS; i++) {
            long t0 = System.nanoTime();
            render.get();
            if (i >= 0) {
                ms[i] = (System.nanoTime() - t0) / 1e6;
            }
        }
        return ms;
    }
}
