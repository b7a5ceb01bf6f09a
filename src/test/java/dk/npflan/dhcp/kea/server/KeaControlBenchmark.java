package dk.npflan.dhcp.kea.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dk.npflan.dhcp.kea.control.ConfigVerdict;
import dk.npflan.dhcp.kea.control.KeaControlClient;
import dk.npflan.dhcp.kea.control.SubnetStatistics;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.io.TempDir;

/**
 * Times the control commands through {@link KeaControlClient} against the real kea-dhcp4 at 200 and
 * 10,000 /24 subnets (one 241-address pool each), and reads both daemons' RSS. Not part of the
 * suite: {@code src/bench/kea-control/run.sh} runs it with {@code -Dkea.bench=true}; numbers go to
 * docs/benchmarks.md, never into an assertion.
 */
@Tag("kea")
@EnabledIfSystemProperty(named = "kea.bench", matches = "true")
class KeaControlBenchmark {

    private static final int RUNS = 5;

    @TempDir Path dir;

    @Test
    void controlCommandTimes_at200And10000Subnets() throws Exception {
        List<String> report = new ArrayList<>();
        for (int subnets : new int[] {200, 10_000}) {
            report.addAll(measure(subnets, dir.resolve("n" + subnets)));
        }
        Files.write(Path.of("target/kea-control-bench.txt"), report);
    }

    private List<String> measure(int subnets, Path where) throws Exception {
        Files.createDirectories(where);
        KeaLab lab = new KeaLab(where);
        ObjectNode base = config(lab, subnets);
        ((ObjectNode) base.get("loggers").get(0)).put("severity", "WARN");
        lab.writeConfig(base);
        List<String> lines = new ArrayList<>();
        KeaServer server = lab.server();
        KeaStart start = server.start();
        assertThat(start).isInstanceOf(KeaStart.Serving.class);
        int port = KeaLab.freeTcpPort();
        Path agentConfig = where.resolve("kea-ctrl-agent.conf");
        Files.write(
                agentConfig,
                KeaLab.JSON.writeValueAsBytes(
                        KeaControlAgent.config("127.0.0.1", port, lab.socket)));
        KeaControlAgent agent =
                new KeaControlAgent(
                        KeaLab.KEA_CTRL_AGENT,
                        agentConfig,
                        where.resolve("run-agent"),
                        URI.create("http://127.0.0.1:" + port + "/"),
                        HttpClient.newHttpClient(),
                        lab.settings.control().timeouts(),
                        Duration.ofSeconds(30),
                        Duration.ofSeconds(5),
                        50,
                        Clock.systemUTC());
        assertThat(agent.start()).isInstanceOf(KeaStart.Serving.class);
        try {
            KeaControlClient control = server.control();
            long pid = server.pid().orElseThrow();
            lines.add(
                    String.format(
                            Locale.ROOT,
                            "%,d subnets: start until status-get answers %d ms; kea-dhcp4 RSS %s",
                            subnets,
                            ((KeaStart.Serving) start).took().toMillis(),
                            rss(pid)));
            List<Long> test = new ArrayList<>();
            List<Long> set = new ArrayList<>();
            List<Long> write = new ArrayList<>();
            List<Long> get = new ArrayList<>();
            List<Long> stats = new ArrayList<>();
            List<Long> getViaAgent = new ArrayList<>();
            for (int run = 0; run < RUNS; run++) {
                // every run adds one more subnet, as a NetBox change would
                ObjectNode next = KeaLab.withSubnet(config(lab, subnets), subnets + 1 + run, 241);
                ((ObjectNode) next.get("loggers").get(0)).put("severity", "WARN");
                test.add(time(() -> assertAccepted(control.configTest(next))));
                set.add(time(() -> assertAccepted(control.configSet(next))));
                write.add(time(() -> control.configWrite(where.resolve("written.json"))));
                get.add(time(control::configGet));
                stats.add(
                        time(
                                () -> {
                                    List<SubnetStatistics> all = control.statisticGetAll();
                                    assertThat(all).hasSizeGreaterThanOrEqualTo(subnets);
                                }));
                getViaAgent.add(time(() -> agent.dhcp4().configGet()));
            }
            lines.add(row("config-test (+1 subnet)", test));
            lines.add(row("config-set (+1 subnet)", set));
            lines.add(row("config-write", write));
            lines.add(row("config-get", get));
            lines.add(row("statistic-get-all", stats));
            lines.add(row("config-get via kea-ctrl-agent", getViaAgent));
            lines.add(
                    String.format(
                            Locale.ROOT,
                            "  after the runs: kea-dhcp4 RSS %s; kea-ctrl-agent RSS %s; written file %,d bytes",
                            rss(pid),
                            rss(agent.pid().orElseThrow()),
                            Files.size(where.resolve("written.json"))));
        } finally {
            agent.stop();
            server.stop();
        }
        return lines;
    }

    private static ObjectNode config(KeaLab lab, int subnets) {
        ObjectNode dhcp4 = lab.dhcp4();
        for (int id = 1; id <= subnets; id++) {
            KeaLab.withSubnet(dhcp4, id, 241);
        }
        return dhcp4;
    }

    private static void assertAccepted(ConfigVerdict verdict) {
        assertThat(verdict.accepted()).as(verdict.text()).isTrue();
    }

    @FunctionalInterface
    private interface Call {
        void run() throws Exception;
    }

    private static long time(Call call) throws Exception {
        long started = System.nanoTime();
        call.run();
        return (System.nanoTime() - started) / 1_000_000;
    }

    private static String row(String name, List<Long> millis) {
        List<Long> sorted = new ArrayList<>(millis);
        Collections.sort(sorted);
        return String.format(
                Locale.ROOT,
                "  %-32s median %,6d ms  (min %,d, max %,d, %d runs)",
                name,
                sorted.get(sorted.size() / 2),
                sorted.get(0),
                sorted.get(sorted.size() - 1),
                sorted.size());
    }

    /** VmRSS and VmHWM (peak) from /proc. */
    private static String rss(long pid) throws IOException {
        String rss = "?";
        String hwm = "?";
        for (String line : Files.readAllLines(Path.of("/proc/" + pid + "/status"))) {
            if (line.startsWith("VmRSS:")) {
                rss = line.substring(6).strip();
            } else if (line.startsWith("VmHWM:")) {
                hwm = line.substring(6).strip();
            }
        }
        return rss + " (peak " + hwm + ")";
    }
}
