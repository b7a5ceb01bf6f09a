package dk.npflan.dhcp.dhcpd;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The one {@code dhcpd -t} runner against fake dhcpd scripts (no real dhcpd needed): the verdict
 * per exit, the timeout per run, and that no temp dir is left behind on any path.
 */
class DhcpdConfigCheckerTest {

    @TempDir Path scripts;
    @TempDir Path tempRoot;

    private Path fakeDhcpd(String body) throws IOException {
        Path script = Files.createTempFile(scripts, "dhcpd", ".sh");
        Files.writeString(script, "#!/bin/sh\n" + body + "\n");
        Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwx------"));
        return script;
    }

    private DhcpdConfigChecker checker(Path binary, Duration timeout) {
        return new DhcpdConfigChecker(binary.toString(), timeout, tempRoot);
    }

    private long tempDirsLeft() throws IOException {
        try (Stream<Path> left = Files.list(tempRoot)) {
            return left.count();
        }
    }

    private static DhcpdConfigChecker.Written conf(Path dir) throws IOException {
        Path conf = Files.writeString(dir.resolve("dhcpd.conf"), "authoritative;\n");
        return new DhcpdConfigChecker.Written(conf, Map.of(conf, "dhcpd.conf"));
    }

    @Test
    void exitZero_passesAndTheTempDirIsRemoved() throws IOException {
        DhcpdConfigChecker checker = checker(fakeDhcpd("echo \"Config file: $4\" >&2"), ofSec(10));

        ConfigCheck check = checker.start("ok", DhcpdConfigCheckerTest::conf).finish();

        assertThat(check.verdict()).isEqualTo(ConfigCheck.Verdict.PASSED);
        assertThat(check.output()).contains("Config file: dhcpd.conf").doesNotContain("netbox");
        assertThat(tempDirsLeft()).isZero();
    }

    @Test
    void exitOne_failsWithTheFirstErrorAndTheTempDirIsRemoved() throws IOException {
        DhcpdConfigChecker checker =
                checker(
                        fakeDhcpd(
                                "echo 'Warning: subnet A overlaps subnet B' >&2\n"
                                        + "echo \"$4 line 3: semicolon expected.\" >&2\nexit 1"),
                        ofSec(10));

        ConfigCheck check = checker.start("bad", DhcpdConfigCheckerTest::conf).finish();

        assertThat(check.verdict()).isEqualTo(ConfigCheck.Verdict.FAILED);
        assertThat(check.exitCode()).isEqualTo(1);
        assertThat(check.firstError()).hasValue("dhcpd.conf line 3: semicolon expected.");
        assertThat(check.warnings()).containsExactly("Warning: subnet A overlaps subnet B");
        assertThat(tempDirsLeft()).isZero();
    }

    @Test
    void hangingDhcpd_isKilledAfterTheTimeoutAndTheTempDirIsRemoved() throws IOException {
        DhcpdConfigChecker checker =
                checker(fakeDhcpd("echo still parsing >&2\nexec sleep 30"), Duration.ofMillis(300));

        ConfigCheck check = checker.start("slow", DhcpdConfigCheckerTest::conf).finish();

        assertThat(check.verdict()).isEqualTo(ConfigCheck.Verdict.TIMED_OUT);
        assertThat(check.firstError()).hasValueSatisfying(e -> assertThat(e).contains("PT0.3S"));
        assertThat(tempDirsLeft()).isZero();
    }

    @Test
    void writingTheFilesThrows_notRunAndTheTempDirIsRemoved() throws IOException {
        DhcpdConfigChecker checker = checker(fakeDhcpd("exit 0"), ofSec(10));

        ConfigCheck check =
                checker.start(
                                "throws",
                                dir -> {
                                    Files.writeString(dir.resolve("half-written"), "x");
                                    throw new UncheckedIOException(new IOException("disk full"));
                                })
                        .finish();

        assertThat(check.verdict()).isEqualTo(ConfigCheck.Verdict.NOT_RUN);
        assertThat(check.firstError()).hasValueSatisfying(e -> assertThat(e).contains("disk full"));
        assertThat(tempDirsLeft()).isZero();
    }

    @Test
    void missingBinary_notRunNamingTheBinaryAndTheTempDirIsRemoved() throws IOException {
        DhcpdConfigChecker checker = checker(scripts.resolve("no-such-dhcpd"), ofSec(10));

        ConfigCheck check = checker.start("missing", DhcpdConfigCheckerTest::conf).finish();

        assertThat(check.verdict()).isEqualTo(ConfigCheck.Verdict.NOT_RUN);
        assertThat(check.firstError())
                .hasValueSatisfying(e -> assertThat(e).contains("cannot run " + scripts));
        assertThat(tempDirsLeft()).isZero();
    }

    @Test
    void twoRunsFinishedOneAfterTheOther_eachTimesOutOneTimeoutAfterItsOwnStart()
            throws IOException {
        Duration timeout = Duration.ofSeconds(1);
        DhcpdConfigChecker checker = checker(fakeDhcpd("exec sleep 30"), timeout);

        DhcpdConfigChecker.Run first = checker.start("first", DhcpdConfigCheckerTest::conf);
        DhcpdConfigChecker.Run second = checker.start("second", DhcpdConfigCheckerTest::conf);
        ConfigCheck firstCheck = first.finish();
        ConfigCheck secondCheck = second.finish();

        assertThat(secondCheck.verdict()).isEqualTo(ConfigCheck.Verdict.TIMED_OUT);
        // finished after the first's full timeout, yet not granted a second one of its own
        assertThat(secondCheck.elapsed()).isLessThan(timeout.multipliedBy(2));
        assertThat(firstCheck.verdict()).isEqualTo(ConfigCheck.Verdict.TIMED_OUT);
        assertThat(tempDirsLeft()).isZero();
    }

    @Test
    void quickRunCollectedAfterASlowOne_elapsedIsItsOwnRuntime() throws IOException {
        DhcpdConfigChecker slow = checker(fakeDhcpd("sleep 2"), ofSec(10));
        DhcpdConfigChecker quick = checker(fakeDhcpd("exit 0"), ofSec(10));

        DhcpdConfigChecker.Run slowRun = slow.start("slow", DhcpdConfigCheckerTest::conf);
        DhcpdConfigChecker.Run quickRun = quick.start("quick", DhcpdConfigCheckerTest::conf);
        ConfigCheck slowCheck = slowRun.finish();
        ConfigCheck quickCheck = quickRun.finish();

        assertThat(slowCheck.elapsed()).isGreaterThanOrEqualTo(Duration.ofSeconds(2));
        assertThat(quickCheck.passed()).isTrue();
        // collected 2 s after its start, but it exited at once: the elapsed time says so
        assertThat(quickCheck.elapsed()).isLessThan(Duration.ofSeconds(1));
    }

    @Test
    void checkOfAFileInPlace_runsDhcpdTestNeverQuietWithItsOwnLeaseAndPidFile() throws IOException {
        Path args = scripts.resolve("args");
        DhcpdConfigChecker checker =
                checker(fakeDhcpd("echo \"$@\" > " + args), Duration.ofSeconds(10));
        Path conf = Files.writeString(scripts.resolve("dhcpd.conf"), "authoritative;\n");

        assertThat(checker.check(conf).passed()).isTrue();

        String line = Files.readString(args).strip();
        assertThat(line).startsWith("-4 -t -cf " + conf + " -lf ").doesNotContain("-q");
        assertThat(line).doesNotContain("/var/lib/dhcp");
        assertThat(tempDirsLeft()).isZero();
    }

    private static Duration ofSec(long seconds) {
        return Duration.ofSeconds(seconds);
    }
}
