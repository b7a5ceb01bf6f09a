package dk.npflan.dhcp.probe;

import static org.assertj.core.api.Assertions.assertThat;

import dk.npflan.dhcp.config.Ipv4Address;
import dk.npflan.dhcp.config.Ipv4Network;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ProbeCommandTest {

    @Test
    void localOptions_parse() {
        ProbeCommand.Options options =
                ProbeCommand.parse(
                        new String[] {
                            "--netns",
                            "nbd-pair-p",
                            "--interface",
                            "eth0",
                            "--probe-subnet",
                            "10.251.255.0/28",
                            "--timeout-ms",
                            "500"
                        });

        assertThat(options.netns()).contains("nbd-pair-p");
        assertThat(options.interfaceName()).contains("eth0");
        assertThat(options.probeSubnet()).isEqualTo(Ipv4Network.of("10.251.255.0/28"));
        assertThat(options.timeout()).isEqualTo(Duration.ofMillis(500));
        assertThat(options.count()).isEqualTo(1);
    }

    @Test
    void usageErrors_exitTwoWithoutProbing() {
        assertThat(run("--interface", "eth0")).isEqualTo(2);
        assertThat(run("--interface", "eth0", "--probe-subnet", "10.251.255.1/28"))
                .as("host bits")
                .isEqualTo(2);
        assertThat(run("--server", "10.0.0.1", "--probe-subnet", "10.251.255.0/28"))
                .as("no giaddr")
                .isEqualTo(2);
        assertThat(
                        run(
                                "--interface",
                                "eth0",
                                "--server",
                                "10.0.0.1",
                                "--giaddr",
                                "10.0.0.2",
                                "--probe-subnet",
                                "10.251.255.0/28"))
                .as("both modes")
                .isEqualTo(2);
        assertThat(run("--interface", "eth0", "--probe-subnet", "10.251.255.0/28", "--count", "0"))
                .isEqualTo(2);
        assertThat(
                        run(
                                "--server",
                                "dhcp.example",
                                "--giaddr",
                                "10.0.0.2",
                                "--probe-subnet",
                                "10.251.255.0/28"))
                .as("host names are never resolved")
                .isEqualTo(2);
    }

    @Test
    void missingInterface_exitsOneAsNoInterface() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();

        int rc =
                ProbeCommand.run(
                        new String[] {
                            "--interface", "nbd-no-such0", "--probe-subnet", "10.251.255.0/28"
                        },
                        new PrintStream(out, true, StandardCharsets.UTF_8),
                        new PrintStream(new ByteArrayOutputStream()));

        assertThat(rc).isEqualTo(1);
        assertThat(out.toString(StandardCharsets.UTF_8)).startsWith("not ready: NO_INTERFACE");
    }

    @Test
    void reexecCommandLine_dropsNetnsSoTheChildDoesNotRecurse() {
        assertThat(
                        ProbeCommand.withoutNetns(
                                List.of(
                                        "-jar",
                                        "app.jar",
                                        "probe",
                                        "--netns",
                                        "ns1",
                                        "--interface",
                                        "eth0")))
                .containsExactly("-jar", "app.jar", "probe", "--interface", "eth0");
    }

    @Test
    void statistics_useNearestRankOverReadyProbesOnly() {
        List<ProbeOutcome> outcomes = new java.util.ArrayList<>();
        for (int i = 1; i <= 100; i++) {
            outcomes.add(
                    new ProbeOutcome.Ready(
                            new Lease(
                                    Ipv4Address.of("10.0.0.1"),
                                    Ipv4Address.of("10.0.0.2"),
                                    Duration.ofSeconds(60)),
                            ProbePath.AF_PACKET,
                            Duration.ofMillis(i)));
        }
        outcomes.add(
                new ProbeOutcome.NotReady(
                        ProbeFailure.TIMEOUT,
                        "x",
                        Optional.of(ProbePath.AF_PACKET),
                        Duration.ofSeconds(2)));

        ProbeStatistics stats = ProbeStatistics.of(outcomes);

        assertThat(stats.ready()).isEqualTo(100);
        assertThat(stats.medianMs()).isEqualTo(50.0);
        assertThat(stats.p99Ms()).isEqualTo(99.0);
        assertThat(stats.failures()).containsEntry(ProbeFailure.TIMEOUT, 1);
        assertThat(stats.paths()).containsExactly(ProbePath.AF_PACKET);
        assertThat(stats.describe()).endsWith(", via [AF_PACKET]");
    }

    private static int run(String... args) {
        return ProbeCommand.run(
                args,
                new PrintStream(new ByteArrayOutputStream()),
                new PrintStream(new ByteArrayOutputStream()));
    }
}
