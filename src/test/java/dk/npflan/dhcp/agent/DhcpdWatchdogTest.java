package dk.npflan.dhcp.agent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dk.npflan.dhcp.config.BundleFiles;
import dk.npflan.dhcp.config.PeerRole;
import dk.npflan.dhcp.config.RenderedConfig;
import dk.npflan.dhcp.dhcpd.DhcpdConfigChecker;
import dk.npflan.dhcp.dhcpd.DhcpdInvocation;
import dk.npflan.dhcp.dhcpd.DhcpdSupervisor;
import dk.npflan.dhcp.omapi.OmapiKey;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The watchdog's choice of what to start (kept bundle over mounted one) and the order of an apply
 * (check with the real key while the working dhcpd serves, then stop, start, or back to the kept
 * bundle), with the real supervisor driving a stand-in dhcpd that records what it was asked to do
 * in {@code events}. The real dhcpd pair runs these paths in {@code AgentPairTest}.
 */
class DhcpdWatchdogTest {

    /**
     * {@code -t}: records the check and the key it found, fails on a config containing {@code
     * BROKEN}, takes 1.5 s on one containing {@code SLOW}. Serving: exits at once on a config
     * containing {@code EXIT}, else records its start and its stop (SIGTERM) with the config it
     * read at its start, and logs the serving line.
     */
    private static final String FAKE_DHCPD =
            """
            #!/bin/sh
            dir=$(dirname "$0")
            if [ "$2" = "-t" ]; then
              echo "check $(head -c 12 "$4") key=$(grep -c "$KEY_B64" "$dir/run/omapi/omapi.key")" >> "$dir/events"
              if grep -q BROKEN "$4"; then echo "$4 line 1: semicolon expected."; exit 1; fi
              if grep -q SLOW "$4"; then sleep 1.5; fi
              exit 0
            fi
            if grep -q EXIT "$5"; then echo "Not configured to listen on any interfaces!"; exit 1; fi
            running=$(head -c 12 "$5")
            echo "serve $running" >> "$dir/events"
            trap 'echo "stop $running" >> "$dir/events"; exit 0' TERM
            echo 'Server starting service.'
            while :; do sleep 1 & wait $!; done
            """;

    private static final byte[] SECRET = "sixteen-byte-key".getBytes(StandardCharsets.US_ASCII);
    private static final String KEY_B64 = Base64.getEncoder().encodeToString(SECRET);

    @TempDir Path dir;

    private DhcpdWatchdog watchdog;
    private int eventsBeforeApply;

    @AfterEach
    void stop() {
        if (watchdog != null) {
            watchdog.close();
        }
    }

    @Test
    void firstStart_noKeptBundle_bootsTheMountedOne_andKeepsItOnceItServes() throws Exception {
        RenderedConfig first = bundle("config-AAAA");
        mount(first);

        watchdog = watchdog();
        watchdog.begin();

        await().atMost(Duration.ofSeconds(10))
                .until(() -> kept().read().map(RenderedConfig::sha256), h -> h.isPresent());
        assertThat(kept().read()).contains(first);
        assertThat(watchdog.status().runningHash()).contains(first.sha256());
    }

    @Test
    void agentRestart_bootsTheKeptBundle_notTheNewerMountedOne() throws Exception {
        RenderedConfig ran = bundle("config-AAAA");
        RenderedConfig published = bundle("config-BBBB");
        kept().keep(ran);
        mount(published);

        watchdog = watchdog();
        watchdog.begin();

        await().atMost(Duration.ofSeconds(10)).until(() -> events().contains("serve config-AAAA"));
        assertThat(watchdog.status().runningHash()).contains(ran.sha256());
        assertThat(Files.readString(dir.resolve("run/dhcpd.conf"))).isEqualTo(ran.config());
        assertThat(events()).doesNotContain("serve config-BBBB");
        assertThat(kept().read()).contains(ran);
    }

    @Test
    void crashOfTheKeptBundle_restartsTheKeptBundle_notTheMountedOne() throws Exception {
        RenderedConfig ran = bundle("config-AAAA");
        kept().keep(ran);
        mount(bundle("config-BBBB"));
        watchdog = watchdog();
        watchdog.begin();
        await().atMost(Duration.ofSeconds(10)).until(() -> watchdog.status().running());
        long pid = watchdog.status().dhcpd().pid().orElseThrow();

        ProcessHandle.of(pid).orElseThrow().destroyForcibly();

        awaitStartedAgainAfter(pid);
        assertThat(watchdog.status().runningHash()).contains(ran.sha256());
        assertThat(events()).doesNotContain("serve config-BBBB");
    }

    @Test
    void apply_checksWithTheRealKeyBeforeTheStop_onceOnly_thenKeepsTheNewBundle() throws Exception {
        RenderedConfig next = bundle("config-BBBB");

        RestartOutcome outcome = applyOnAPeerRunning(bundle("config-AAAA"), next);

        assertThat(outcome).isInstanceOf(RestartOutcome.Restarted.class);
        assertThat(eventsOfTheApply())
                .containsExactly(
                        "check config-BBBB key=1", "stop config-AAAA", "serve config-BBBB");
        assertThat(kept().read()).contains(next);
        assertThat(watchdog.status().runningHash()).contains(next.sha256());
    }

    @Test
    void apply_rejectedByTheCheck_workingDhcpdUntouched_andACrashStillRestartsTheOldBundle()
            throws Exception {
        RenderedConfig ran = bundle("config-AAAA");
        bootOnKept(ran);
        long pid = watchdog.status().dhcpd().pid().orElseThrow();

        RestartOutcome outcome =
                watchdog.restartWith(bundle("BROKEN-CCCC"), Duration.ofSeconds(10));

        assertThat(outcome)
                .isInstanceOfSatisfying(
                        RestartOutcome.Rejected.class,
                        r ->
                                assertThat(r.check().error().orElseThrow().file())
                                        .contains("dhcpd.conf"));
        assertThat(watchdog.status().dhcpd().pid()).hasValue(pid);
        assertThat(watchdog.status().runningHash()).contains(ran.sha256());
        assertThat(kept().read()).contains(ran);

        ProcessHandle.of(pid).orElseThrow().destroyForcibly();
        awaitStartedAgainAfter(pid);
        assertThat(Files.readString(dir.resolve("run/dhcpd.conf"))).isEqualTo(ran.config());
    }

    @Test
    void apply_whoseDhcpdExitsAtOnce_startFailed_andTheKeptBundleServesAgain() throws Exception {
        RenderedConfig ran = bundle("config-AAAA");

        RestartOutcome outcome = applyOnAPeerRunning(ran, bundle("config-EXIT"));

        assertThat(outcome)
                .isInstanceOfSatisfying(
                        RestartOutcome.StartFailed.class,
                        f -> assertThat(f.error()).contains("interfaces").contains(ran.sha256()));
        assertThat(watchdog.status().runningHash()).contains(ran.sha256());
        await().atMost(Duration.ofSeconds(10)).until(() -> eventsOfTheApply().size() >= 4);
        assertThat(eventsOfTheApply())
                .containsExactly(
                        "check config-EXIT key=1",
                        "stop config-AAAA",
                        "check config-AAAA key=1",
                        "serve config-AAAA");
        assertThat(kept().read()).contains(ran);
        assertThat(watchdog.status().crashLoop()).isFalse();
    }

    /**
     * The fault suite's false crash loop: dhcpd killed, its automatic restart due during a
     * requested restart (whose check outlasts the backoff) waited for the lock, then found dhcpd
     * running and counted "already runs" as a failed start, again and again.
     */
    @Test
    void automaticRestartDueDuringARequestedRestart_isCancelled_noFailureCounted()
            throws Exception {
        bootOnKept(bundle("config-AAAA"));
        long killed = watchdog.status().dhcpd().pid().orElseThrow();
        ProcessHandle.of(killed).orElseThrow().destroyForcibly();
        await().pollInterval(Duration.ofMillis(5))
                .atMost(Duration.ofSeconds(10))
                .until(() -> watchdog.status().restartPending());

        RestartOutcome outcome =
                watchdog.restartWith(bundle("config-SLOW"), Duration.ofSeconds(10));

        assertThat(outcome).isInstanceOf(RestartOutcome.Restarted.class);
        long serving = watchdog.status().dhcpd().pid().orElseThrow();
        // the backoff series (100, 200, 400 ms) reaches the threshold well within the window
        await().during(Duration.ofSeconds(2))
                .atMost(Duration.ofSeconds(4))
                .untilAsserted(
                        () -> {
                            WatchdogStatus status = watchdog.status();
                            assertThat(status.consecutiveFailures()).as("%s", status).isZero();
                            assertThat(status.crashLoop()).as("%s", status).isFalse();
                            assertThat(status.restartPending()).as("%s", status).isFalse();
                        });
        assertThat(watchdog.status().dhcpd().pid()).hasValue(serving);
        assertThat(watchdog.status().automaticRestarts()).isZero();
    }

    @Test
    void keptBundleThatDoesNotMatchItsHash_ignored_theMountedOneBoots() throws Exception {
        RenderedConfig ran = bundle("config-AAAA");
        kept().keep(ran);
        try (var versions = Files.list(dir.resolve("kept"))) {
            Path version =
                    versions.filter(p -> !p.getFileName().toString().equals("..data"))
                            .findFirst()
                            .orElseThrow();
            Files.writeString(version.resolve("dhcpd.conf"), "config-ZZZZ tampered\n");
        }
        RenderedConfig mounted = bundle("config-BBBB");
        mount(mounted);

        assertThat(kept().read()).isEmpty();
        watchdog = watchdog();
        watchdog.begin();

        await().atMost(Duration.ofSeconds(10)).until(() -> events().contains("serve config-BBBB"));
        await().atMost(Duration.ofSeconds(10)).until(() -> kept().read().isPresent());
        assertThat(kept().read()).contains(mounted);
    }

    /** A peer whose agent starts with {@code ran} kept, serving it. */
    private void bootOnKept(RenderedConfig ran) throws IOException {
        kept().keep(ran);
        watchdog = watchdog();
        watchdog.begin();
        String serving = "serve " + ran.config().substring(0, 11);
        await().atMost(Duration.ofSeconds(10)).until(() -> events().contains(serving));
    }

    /** Boots on {@code ran} kept, then applies {@code next}. */
    private RestartOutcome applyOnAPeerRunning(RenderedConfig ran, RenderedConfig next)
            throws Exception {
        bootOnKept(ran);
        eventsBeforeApply = events().size();
        return watchdog.restartWith(next, Duration.ofSeconds(10));
    }

    private List<String> eventsOfTheApply() throws IOException {
        List<String> all = events();
        return all.subList(eventsBeforeApply, all.size());
    }

    private void awaitStartedAgainAfter(long pid) {
        await().atMost(Duration.ofSeconds(10))
                .until(
                        () ->
                                watchdog.status().running()
                                        && watchdog.status().dhcpd().pid().orElseThrow() != pid);
    }

    private DhcpdWatchdog watchdog() throws IOException {
        Path script = dir.resolve("fake-dhcpd");
        Files.writeString(script, FAKE_DHCPD.replace("$KEY_B64", KEY_B64));
        Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwx------"));
        Path run = dir.resolve("run");
        RunDirectory runDirectory =
                new RunDirectory(
                        run,
                        run.resolve("failover/dhcpd.failover"),
                        run.resolve("omapi/omapi.key"));
        DhcpdSupervisor supervisor =
                new DhcpdSupervisor(
                        new DhcpdInvocation(
                                script.toString(),
                                runDirectory.configFile(),
                                dir.resolve("dhcpd.leases"),
                                Optional.empty(),
                                Optional.empty(),
                                "ip"),
                        new DhcpdConfigChecker(script.toString(), Duration.ofSeconds(10)),
                        Duration.ofSeconds(5),
                        100,
                        Clock.systemUTC());
        return new DhcpdWatchdog(
                supervisor,
                runDirectory,
                PeerRole.SECONDARY,
                dir.resolve("bundle"),
                () -> new OmapiKey("in-secret", SECRET),
                "omapi_key",
                new RestartPolicy(
                        Duration.ofMillis(100), Duration.ofMillis(400), 3, Duration.ofMinutes(1)),
                new SecretRedactor(),
                kept(),
                Clock.systemUTC());
    }

    private KeptBundle kept() {
        return new KeptBundle(dir.resolve("kept"), BundleFiles.NAMES);
    }

    private void mount(RenderedConfig bundle) throws IOException {
        Path mount = dir.resolve("bundle");
        Files.createDirectories(mount);
        for (Map.Entry<String, String> file : bundle.files().entrySet()) {
            Files.writeString(mount.resolve(file.getKey()), file.getValue());
        }
    }

    private List<String> events() throws IOException {
        Path events = dir.resolve("events");
        return Files.exists(events) ? Files.readAllLines(events) : List.of();
    }

    static RenderedConfig bundle(String marker) {
        Map<String, String> files = new LinkedHashMap<>();
        files.put("dhcpd.conf", marker + "\nomapi-key omapi_key;\n");
        files.put("dhcpd.failover.primary", "primary;\n");
        files.put("dhcpd.failover.secondary", "secondary;\n");
        return RenderedConfig.of(files);
    }
}
