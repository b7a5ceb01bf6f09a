package dk.npflan.dhcp.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.IntNode;
import com.fasterxml.jackson.databind.node.TextNode;
import dk.npflan.dhcp.TestSettings;
import dk.npflan.dhcp.dhcpd.DhcpdSyntaxChecker;
import dk.npflan.dhcp.dhcpd.SyntaxCheck;
import dk.npflan.dhcp.netbox.Choice;
import dk.npflan.dhcp.netbox.IpRange;
import dk.npflan.dhcp.netbox.Prefix;
import dk.npflan.dhcp.netbox.Ref;
import dk.npflan.dhcp.netbox.Tag;
import dk.npflan.dhcp.netbox.Vrf;
import dk.npflan.dhcp.validate.ConfigBuild;
import dk.npflan.dhcp.validate.SemanticValidator;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * Benchmark for docs/benchmarks/render.md (not a test): render and own validation on generated
 * inventories in a warm JVM (plain loop with warm-up, no JMH), then the real {@code dhcpd -t} on
 * 10,000 /24 pools, one role vs both roles in parallel. Run: {@code java -cp
 * target/classes:target/test-classes:<deps> dk.npflan.dhcp.config.RenderBenchmark [render [sizes…]
 * | dhcpd [rounds [FULL|FIRST_ADDRESS]] | all]}.
 */
public final class RenderBenchmark {

    private RenderBenchmark() {}

    /**
     * {@code n} /24 prefixes in 10.0.0.0/8 (skipping the server network 10.90/16), three VRFs;
     * every 4th has an IP range and CF options.
     */
    static List<Prefix> prefixes(int n) {
        List<Prefix> prefixes = new ArrayList<>(n);
        Choice active = new Choice("active", "Active");
        List<Tag> tags = List.of(new Tag(7, "dhcp", "dhcp"));
        Ref role = new Ref(1, "Access", "access");
        for (int i = 0; i < n; i++) {
            int second = i / 256 >= 90 ? i / 256 + 1 : i / 256;
            String net = "10." + second + "." + (i % 256);
            Vrf vrf = new Vrf(1 + i % 3, "VRF" + (i % 3), "65000:" + (i % 3));
            Map<String, JsonNode> cf =
                    i % 4 == 0
                            ? Map.of(
                                    "dhcp_domain_name",
                                    TextNode.valueOf("site" + i + ".example.net"),
                                    "dhcp_lease_time",
                                    IntNode.valueOf(3600),
                                    "dhcp_domain_name_servers",
                                    TextNode.valueOf("10.96.5.1, 10.96.5.2"))
                            : Map.of();
            prefixes.add(
                    new Prefix(
                            i + 1,
                            net + ".0/24",
                            vrf,
                            active,
                            role,
                            tags,
                            cf,
                            "Dist " + (i % 40) + " - Vlan " + i,
                            "https://netbox.example.org/api/ipam/prefixes/" + (i + 1) + "/",
                            "https://netbox.example.org/ipam/prefixes/" + (i + 1) + "/"));
        }
        return prefixes;
    }

    static List<IpRange> ranges(List<Prefix> prefixes) {
        List<IpRange> ranges = new ArrayList<>();
        Choice active = new Choice("active", "Active");
        for (int i = 0; i < prefixes.size(); i += 4) {
            Prefix p = prefixes.get(i);
            String net = p.prefix().substring(0, p.prefix().lastIndexOf('.'));
            ranges.add(
                    new IpRange(
                            100_000 + i,
                            net + ".10/24",
                            net + ".200/24",
                            p.vrf(),
                            active,
                            null,
                            List.of(),
                            Map.of(),
                            "pool",
                            "https://netbox.example.org/api/ipam/ip-ranges/" + (100_000 + i) + "/",
                            null));
        }
        return ranges;
    }

    public static void main(String[] args) {
        String what = args.length > 0 ? args[0] : "all";
        DhcpdSettings settings = TestSettings.dhcpd();
        if (what.equals("render") || what.equals("all")) {
            int[] sizes =
                    args.length > 1
                            ? Arrays.stream(args).skip(1).mapToInt(Integer::parseInt).toArray()
                            : new int[] {200, 10_000, 50_000};
            for (int n : sizes) {
                renderAndValidate(n, settings);
            }
        }
        if (what.equals("dhcpd") || what.equals("all")) {
            DhcpdSettings checkSettings =
                    what.equals("dhcpd") && args.length > 2
                            ? TestSettings.dhcpd(
                                    Map.of(
                                            "netbox-dhcpd.config.validation.secondary-check",
                                            args[2]))
                            : settings;
            dhcpd(
                    10_000,
                    checkSettings,
                    what.equals("dhcpd") && args.length > 1 ? Integer.parseInt(args[1]) : 3);
        }
    }

    private static void renderAndValidate(int n, DhcpdSettings settings) {
        List<Prefix> prefixes = prefixes(n);
        List<IpRange> ranges = ranges(prefixes);
        DhcpdConfigRenderer renderer = new DhcpdConfigRenderer();
        SemanticValidator validator = new SemanticValidator();
        ThreadMXBean cpu = ManagementFactory.getThreadMXBean();
        int warmup = n <= 10_000 ? 50 : 15;
        int runs = n <= 10_000 ? 30 : 15;
        double[][] wall = new double[4][runs];
        double[][] cpuMs = new double[4][runs];
        int errors = 0;
        long bytes = 0;
        for (int i = -warmup; i < runs; i++) {
            long w0 = System.nanoTime();
            long c0 = cpu.getCurrentThreadCpuTime();
            ServerModelBuilder.Built built =
                    new ServerModelBuilder(settings).build(prefixes, ranges);
            long w1 = System.nanoTime();
            long c1 = cpu.getCurrentThreadCpuTime();
            RenderedConfig rendered = renderer.render(built.config());
            long w2 = System.nanoTime();
            long c2 = cpu.getCurrentThreadCpuTime();
            errors =
                    validator.validate(built.config()).size()
                            + (int)
                                    built.problems().stream()
                                            .filter(ConfigProblem::isError)
                                            .count();
            long w3 = System.nanoTime();
            long c3 = cpu.getCurrentThreadCpuTime();
            bytes = rendered.config().length();
            if (i >= 0) {
                wall[0][i] = (w1 - w0) / 1e6;
                wall[1][i] = (w2 - w1) / 1e6;
                wall[2][i] = (w2 - w0) / 1e6;
                wall[3][i] = (w3 - w2) / 1e6;
                cpuMs[0][i] = (c1 - c0) / 1e6;
                cpuMs[1][i] = (c2 - c1) / 1e6;
                cpuMs[2][i] = (c2 - c0) / 1e6;
                cpuMs[3][i] = (c3 - c2) / 1e6;
            }
        }
        System.out.printf(
                "prefixes=%d ranges=%d dhcpd.conf=%d bytes errors=%d (%d warm-up, %d measured runs; median/min in ms)%n",
                n, ranges.size(), bytes, errors, warmup, runs);
        String[] names = {"model", "files+sha256", "render total", "own validation"};
        for (int k = 0; k < 4; k++) {
            System.out.printf(
                    "  %-15s wall median %7.2f min %7.2f | thread CPU median %7.2f min %7.2f%n",
                    names[k], median(wall[k]), min(wall[k]), median(cpuMs[k]), min(cpuMs[k]));
        }
    }

    private static void dhcpd(int n, DhcpdSettings settings, int runs) {
        List<Prefix> prefixes = prefixes(n);
        ConfigBuild.Result result = ConfigBuild.from(prefixes, List.of(), settings);
        DhcpdSyntaxChecker checker = TestSettings.syntaxChecker(settings);
        for (int i = 0; i < runs; i++) {
            long t0 = System.nanoTime();
            boolean oneValid = checker.check(result.rendered(), PeerRole.PRIMARY).isValid();
            long t1 = System.nanoTime();
            SyntaxCheck both = checker.check(result.rendered());
            long t2 = System.nanoTime();
            double one = (t1 - t0) / 1e6;
            double two = (t2 - t1) / 1e6;
            System.out.printf(
                    "dhcpd -t (secondary-check %s), %d /24 pools (%d addresses), errors=%d: one role %.0f ms (valid=%s) | both roles in parallel %.0f ms"
                            + " (valid=%s) | ratio %.2f%n",
                    settings.validation().secondaryCheck(),
                    n,
                    n * 247L,
                    result.errors().size(),
                    one,
                    oneValid,
                    two,
                    both.isValid(),
                    two / one);
        }
    }

    static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        return sorted[sorted.length / 2];
    }

    static double min(double[] values) {
        return Arrays.stream(values).min().orElse(0);
    }
}
