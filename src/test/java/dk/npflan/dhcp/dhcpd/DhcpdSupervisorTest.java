package dk.npflan.dhcp.dhcpd;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import dk.npflan.dhcp.backend.LeftoverServer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The supervisor against the real {@code dhcpd -t} (tagged {@code dhcpd}) and against a fake dhcpd
 * script for log capture and locking; runs that start the real dhcpd are in {@link
 * FailoverPairTest}.
 */
class DhcpdSupervisorTest {

    /**
     * A stand-in for dhcpd: {@code -t} exits 0 (after {@code checking} appears and 3 s pass, while
     * the file {@code slow} exists); serving prints a few failover lines and the serving line, then
     * sleeps until stopped.
     */
    private static final String FAKE_DHCPD =
            """
            #!/bin/sh
            dir=$(dirname "$0")
            if [ "$2" = "-t" ]; then
              if [ -e "$dir/slow" ]; then touch "$dir/checking"; sleep 3; fi
              exit 0
            fi
            echo 'failover peer failover-partner: I move from recover to startup' >&2
            echo 'failover peer failover-partner: peer moves from unknown-state to recover' >&2
            echo 'Server starting service.' >&2
            echo 'failover peer failover-partner: Both servers normal' >&2
            exec sleep 30
            """;

    /**
     * A dhcpd whose process keeps its command line (no {@code exec}), as the real one does: it
     * serves until SIGTERM.
     */
    private static final String LEFTOVER_DHCPD =
            """
            #!/bin/sh
            if [ "$2" = "-t" ]; then exit 0; fi
            trap 'exit 0' TERM
            echo 'Server starting service.' >&2
            while :; do sleep 0.2; done
            """;

    @TempDir Path dir;

    @Test
    @Tag("dhcpd")
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

    @Test
    void listenerThatThrows_logCaptureGoesOnAndLaterEventsArrive() throws Exception {
        Files.writeString(dir.resolve("dhcpd.conf"), "authoritative;\n");
        DhcpdSupervisor supervisor = supervisor(fakeDhcpd());
        List<FailoverLogEvent> seen = new CopyOnWriteArrayList<>();
        supervisor.onTransition(
                event -> {
                    throw new IllegalStateException("listener bug");
                });
        supervisor.onTransition(seen::add);
        try {
            assertThat(supervisor.start()).isInstanceOf(StartOutcome.Started.class);

            assertThat(supervisor.awaitServing(Duration.ofSeconds(10)))
                    .isEqualTo(DhcpdSupervisor.Serving.SERVING);
            await().atMost(Duration.ofSeconds(10))
                    .untilAsserted(
                            () -> {
                                assertThat(supervisor.transitions()).hasSize(3);
                                assertThat(seen).hasSize(3);
                                assertThat(seen.get(2))
                                        .isEqualTo(
                                                new FailoverLogEvent.BothNormal(
                                                        "failover-partner"));
                                assertThat(supervisor.logLines())
                                        .contains("Server starting service.");
                            });
        } finally {
            supervisor.close();
        }
    }

    @Test
    void restartDuringASlowDhcpdTest_statusStaysReadable() throws Exception {
        Files.writeString(dir.resolve("dhcpd.conf"), "authoritative;\n");
        DhcpdSupervisor supervisor = supervisor(fakeDhcpd());
        try {
            StartOutcome.Started first = (StartOutcome.Started) supervisor.start();
            Files.createFile(dir.resolve("slow"));

            CompletableFuture<StartOutcome> restart =
                    CompletableFuture.supplyAsync(supervisor::restart);
            await().atMost(Duration.ofSeconds(10))
                    .until(() -> Files.exists(dir.resolve("checking")));

            DhcpdStatus during =
                    CompletableFuture.supplyAsync(supervisor::status).get(1, TimeUnit.SECONDS);
            assertThat(restart).isNotDone();
            assertThat(during.phase()).isEqualTo(DhcpdStatus.Phase.UP);
            assertThat(during.pid()).hasValue(first.pid());
            assertThat(restart.get(20, TimeUnit.SECONDS))
                    .isInstanceOfSatisfying(
                            StartOutcome.Started.class,
                            second -> assertThat(second.pid()).isNotEqualTo(first.pid()));
            assertThat(supervisor.status().restarts()).isEqualTo(1);
        } finally {
            supervisor.close();
        }
    }

    @Test
    void awaitServing_timesOutOnTheInjectedClock() throws Exception {
        Files.writeString(dir.resolve("dhcpd.conf"), "authoritative;\n");
        Path silent = dir.resolve("silent-dhcpd");
        Files.writeString(silent, "#!/bin/sh\n[ \"$2\" = \"-t\" ] && exit 0\nexec sleep 30\n");
        Files.setPosixFilePermissions(silent, PosixFilePermissions.fromString("rwx------"));
        // every read of the clock is an hour later: the first check is past a one-hour deadline,
        // so the wait ends at once; a wait on the system's time would hang here for an hour
        Clock hourly =
                new Clock() {
                    private Instant now = Instant.parse("2026-12-01T00:00:00Z");

                    @Override
                    public synchronized Instant instant() {
                        now = now.plus(Duration.ofHours(1));
                        return now;
                    }

                    @Override
                    public ZoneOffset getZone() {
                        return ZoneOffset.UTC;
                    }

                    @Override
                    public Clock withZone(java.time.ZoneId zone) {
                        return this;
                    }
                };
        DhcpdSupervisor supervisor = supervisor(silent.toString(), hourly);
        try {
            assertThat(supervisor.start()).isInstanceOf(StartOutcome.Started.class);

            DhcpdSupervisor.Serving serving =
                    assertTimeoutPreemptively(
                            Duration.ofSeconds(30),
                            () -> supervisor.awaitServing(Duration.ofHours(1)));
            assertThat(serving).isEqualTo(DhcpdSupervisor.Serving.TIMED_OUT);
        } finally {
            supervisor.close();
        }
    }

    @Test
    void dhcpdAnEarlierAgentLeftOnOurLeaseFile_isStoppedBeforeOursStarts() throws Exception {
        Files.writeString(dir.resolve("dhcpd.conf"), "authoritative;\n");
        DhcpdSupervisor supervisor = supervisor(fakeDhcpd(LEFTOVER_DHCPD));
        DhcpdInvocation sameFiles = invocation(fakeDhcpd(LEFTOVER_DHCPD));
        Process leftover = new ProcessBuilder(sameFiles.serveCommand()).start();
        DhcpdInvocation otherLeaseFile =
                new DhcpdInvocation(
                        sameFiles.binary(),
                        sameFiles.configFile(),
                        dir.resolve("other.leases"),
                        Optional.empty(),
                        Optional.empty(),
                        "ip");
        Process otherPeers = new ProcessBuilder(otherLeaseFile.serveCommand()).start();
        try {
            await().atMost(Duration.ofSeconds(10))
                    .until(
                            () ->
                                    LeftoverServer.find(
                                                            sameFiles.binary(),
                                                            sameFiles.serveArguments())
                                                    .size()
                                            == 1);

            assertThat(supervisor.start()).isInstanceOf(StartOutcome.Started.class);

            assertThat(leftover.waitFor(10, TimeUnit.SECONDS)).as("the leftover stopped").isTrue();
            assertThat(otherPeers.isAlive()).as("another lease file's dhcpd").isTrue();
            assertThat(LeftoverServer.find(sameFiles.binary(), sameFiles.serveArguments()))
                    .extracting(ProcessHandle::pid)
                    .as("only ours serves the lease file now")
                    .containsExactly(supervisor.status().pid().orElseThrow());
        } finally {
            leftover.destroyForcibly();
            otherPeers.destroyForcibly();
            supervisor.stop();
        }
    }

    private String fakeDhcpd() throws IOException {
        return fakeDhcpd(FAKE_DHCPD);
    }

    private String fakeDhcpd(String text) throws IOException {
        Path script = dir.resolve(text.equals(FAKE_DHCPD) ? "fake-dhcpd" : "fake-dhcpd-leftover");
        Files.writeString(script, text);
        Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwx------"));
        return script.toString();
    }

    private DhcpdSupervisor supervisor(String binary) {
        return supervisor(binary, Clock.systemUTC());
    }

    private DhcpdInvocation invocation(String binary) {
        return new DhcpdInvocation(
                binary,
                dir.resolve("dhcpd.conf"),
                dir.resolve("dhcpd.leases"),
                Optional.empty(),
                Optional.empty(),
                "ip");
    }

    private DhcpdSupervisor supervisor(String binary, Clock clock) {
        return new DhcpdSupervisor(
                invocation(binary),
                new DhcpdConfigChecker(binary, Duration.ofSeconds(30)),
                Duration.ofSeconds(5),
                100,
                clock);
    }
}
