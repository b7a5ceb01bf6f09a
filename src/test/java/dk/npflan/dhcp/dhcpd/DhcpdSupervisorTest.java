package dk.npflan.dhcp.dhcpd;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The supervisor against the real {@code dhcpd -t}; runs that start dhcpd are in {@link
 * FailoverPairTest}.
 */
class DhcpdSupervisorTest {

    @TempDir Path dir;

    @Test
    void configFailingDhcpdTest_isNeverStarted() throws IOException {
        Files.writeString(
                dir.resolve("dhcpd.conf"), "authoritative\nsubnet 10.0.0.0 netmask 255.0.0.0 {}\n");
        DhcpdSupervisor supervisor = supervisor("/usr/sbin/dhcpd");

        StartOutcome outcome = supervisor.start();

        assertThat(outcome)
                .isInstanceOfSatisfying(
                        StartOutcome.ConfigRejected.class,
                        rejected -> {
                            assertThat(rejected.check().verdict())
                                    .isEqualTo(ConfigCheck.Verdict.FAILED);
                            assertThat(rejected.check().firstError())
                                    .hasValueSatisfying(e -> assertThat(e).contains("semicolon"));
                        });
        assertThat(supervisor.status().phase()).isEqualTo(DhcpdStatus.Phase.DOWN);
        assertThat(supervisor.status().pid()).isEmpty();
        assertThat(dir.resolve("dhcpd.leases"))
                .as("nothing touched for a rejected config")
                .doesNotExist();
        assertThat(supervisor.restart()).isInstanceOf(StartOutcome.ConfigRejected.class);
    }

    @Test
    void missingBinary_isRejectedAsNotRunNotStarted() throws IOException {
        Files.writeString(dir.resolve("dhcpd.conf"), "authoritative;\n");
        DhcpdSupervisor supervisor = supervisor(dir.resolve("no-such-dhcpd").toString());

        assertThat(supervisor.start())
                .isInstanceOfSatisfying(
                        StartOutcome.ConfigRejected.class,
                        rejected ->
                                assertThat(rejected.check().verdict())
                                        .isEqualTo(ConfigCheck.Verdict.NOT_RUN));
        assertThat(supervisor.status().phase()).isEqualTo(DhcpdStatus.Phase.DOWN);
    }

    private DhcpdSupervisor supervisor(String binary) {
        DhcpdInvocation invocation =
                new DhcpdInvocation(
                        binary,
                        dir.resolve("dhcpd.conf"),
                        dir.resolve("dhcpd.leases"),
                        Optional.empty(),
                        Optional.empty(),
                        "ip");
        return new DhcpdSupervisor(
                invocation,
                new DhcpdConfigChecker(Duration.ofSeconds(30)),
                Duration.ofSeconds(5),
                100,
                Clock.systemUTC());
    }
}
