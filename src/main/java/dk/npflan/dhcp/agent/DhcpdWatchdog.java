package dk.npflan.dhcp.agent;

import dk.npflan.dhcp.config.BundleFiles;
import dk.npflan.dhcp.config.PeerRole;
import dk.npflan.dhcp.config.RenderedConfig;
import dk.npflan.dhcp.dhcpd.ConfigCheck;
import dk.npflan.dhcp.dhcpd.DhcpdStatus;
import dk.npflan.dhcp.dhcpd.DhcpdSupervisor;
import dk.npflan.dhcp.dhcpd.StartOutcome;
import dk.npflan.dhcp.omapi.OmapiException;
import dk.npflan.dhcp.omapi.OmapiKey;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;
import org.jboss.logging.Logger;

/**
 * Keeps dhcpd running in this pod, in place (the pod keeps its IP, which the partner's failover
 * listener insists on). The algorithm (docs/agent.md states it once):
 *
 * <ol>
 *   <li>At start, take the {@link KeptBundle} (the bundle this peer last ran successfully, on its
 *       persistent volume), or only when none was kept (a first install) the mounted one; build the
 *       run directory from it (this role's failover file, the OMAPI key include from the Secret)
 *       and start dhcpd through {@link DhcpdSupervisor} (which runs {@code dhcpd -t} first and
 *       never truncates the lease file). A mounted bundle the rollout has not applied to this peer
 *       is never started by a restart of the pod.
 *   <li>When dhcpd logs that it serves a bundle that is not the kept one, keep it.
 *   <li>When dhcpd exits without being asked, or a start fails, count a failure (a run of at least
 *       {@link RestartPolicy#stableAfter()} starts a new series), wait {@link
 *       RestartPolicy#delayAfter} and start it again with the <em>same</em> bundle: picking up a
 *       new config is the rollout's decision (secondary first), never a side effect of a crash.
 *   <li>From {@link RestartPolicy#crashLoopThreshold()} failures in a row, report a crash loop
 *       (log, {@code /state}, metrics) and keep retrying at the backed-off pace.
 *   <li>{@link #restartWith} (the authenticated, hash-checked {@code POST /restart}) rebuilds the
 *       run directory from the new bundle and runs {@code dhcpd -t} on it, with the real key, while
 *       the working dhcpd serves; rejected → nothing else happens. Then it stops dhcpd, starts it
 *       without a second check and waits until it logs that it serves. If it does not, it starts
 *       the kept bundle again (the last that served) and reports the failure.
 * </ol>
 *
 * Every action runs under one lifecycle lock; the exit of a run the agent stopped itself is
 * recognised by its generation and ignored. Status reads never take the lock, so {@code /state}
 * answers while a restart waits for dhcpd.
 */
public final class DhcpdWatchdog implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(DhcpdWatchdog.class);

    /**
     * The supervisor records the exit code from its own exit callback; give it this long before
     * reading it.
     */
    private static final long EXIT_SETTLE_MILLIS = 50;

    private static final String BUG_BOILERPLATE = "If you think you have received this message";

    /** Where the OMAPI key comes from at each start (the mounted Secret, re-read every time). */
    @FunctionalInterface
    public interface KeySource {
        OmapiKey read() throws OmapiException;
    }

    private final DhcpdSupervisor supervisor;
    private final RunDirectory runDirectory;
    private final PeerRole role;
    private final Path configDir;
    private final KeySource keySource;
    private final String keyName;
    private final RestartPolicy policy;
    private final SecretRedactor redactor;
    private final KeptBundle keptStore;
    private final Clock clock;
    private final ScheduledExecutorService executor;
    private final ReentrantLock lifecycle = new ReentrantLock();
    private final AtomicLong automaticRestarts = new AtomicLong();
    private final AtomicLong requestedRestarts = new AtomicLong();
    private final AtomicLong crashLoops = new AtomicLong();
    private final List<Consumer<RenderedConfig>> startListeners = new CopyOnWriteArrayList<>();

    private final Object keeping = new Object();

    private volatile RenderedConfig running;
    private volatile RenderedConfig kept;
    private volatile long startedPid;
    private volatile RenderedConfig startedBundle;
    private volatile Instant startedAt;
    private volatile long generation;
    private volatile int failures;
    private volatile boolean crashLoop;
    private volatile Duration backoff = Duration.ZERO;
    private volatile ScheduledFuture<?> pendingRestart;

    /**
     * Under the lock: the number of the one automatic restart that may still run. A cancelled
     * restart may already wait for the lock (a requested restart held it past the backoff); finding
     * another number, it does nothing.
     */
    private long restartTicket;

    private volatile DhcpdExit lastExit;
    private volatile boolean closed;
    private volatile boolean everStarted;

    public DhcpdWatchdog(
            DhcpdSupervisor supervisor,
            RunDirectory runDirectory,
            PeerRole role,
            Path configDir,
            KeySource keySource,
            String keyName,
            RestartPolicy policy,
            SecretRedactor redactor,
            KeptBundle keptStore,
            Clock clock) {
        this.supervisor = supervisor;
        this.runDirectory = runDirectory;
        this.role = role;
        this.configDir = configDir;
        this.keySource = keySource;
        this.keyName = keyName;
        this.policy = policy;
        this.redactor = redactor;
        this.keptStore = keptStore;
        this.clock = clock;
        this.executor =
                Executors.newSingleThreadScheduledExecutor(
                        r -> {
                            Thread t = new Thread(r, "agent-watchdog");
                            t.setDaemon(true);
                            return t;
                        });
        supervisor.onServing(this::onServing);
    }

    /** Called with the bundle after every start of dhcpd (the pool metrics follow its pools). */
    public void onStart(Consumer<RenderedConfig> listener) {
        startListeners.add(listener);
    }

    /** Step 1: starts dhcpd from the kept bundle, else the mounted one (or schedules a retry). */
    public void begin() {
        lifecycle.lock();
        try {
            kept = keptStore.read().orElse(null);
            if (kept != null) {
                running = kept;
                LOG.infof(
                        "dhcpd (%s): booting the kept config %s (the last this peer ran), mounted"
                                + " is %s",
                        role.keyword(), kept.sha256(), mountedHash().orElse("none"));
            } else {
                LOG.infof(
                        "dhcpd (%s): no kept config in %s (first start): booting the mounted one",
                        role.keyword(), keptStore.dir());
            }
            attemptStart();
        } finally {
            lifecycle.unlock();
        }
    }

    /**
     * Step 5: checks {@code bundle} in the run directory with the real key while the working dhcpd
     * serves, then stops dhcpd and starts it on {@code bundle}. Returns when dhcpd serves, or after
     * a failed start (exit, or not serving within {@code timeout}) once the kept bundle was started
     * again.
     */
    public RestartOutcome restartWith(RenderedConfig bundle, Duration timeout)
            throws InterruptedException {
        lifecycle.lock();
        try {
            long began = System.nanoTime();
            ConfigCheck check = prepare(bundle);
            if (!check.passed()) {
                LOG.warnf(
                        "dhcpd (%s): config %s refused before the restart, dhcpd untouched: %s",
                        role.keyword(),
                        bundle.sha256(),
                        redactor.redact(check.firstError().orElse(check.verdict().toString())));
                return new RestartOutcome.Rejected(check);
            }
            cancelPendingRestart();
            generation++; // the exit of the current run is ours
            supervisor.stop();
            requestedRestarts.incrementAndGet();
            LOG.infof("restarting dhcpd (%s) with config %s", role.keyword(), bundle.sha256());
            running = bundle;
            StartOutcome outcome = supervisor.start(check);
            if (!(outcome instanceof StartOutcome.Started started)) {
                return goBack(
                        bundle,
                        outcome instanceof StartOutcome.LaunchFailed launchFailed
                                ? "cannot launch dhcpd: " + launchFailed.reason()
                                : "dhcpd already runs: " + outcome,
                        false);
            }
            onStarted(bundle, started);
            DhcpdSupervisor.Serving serving = supervisor.awaitServing(timeout);
            Duration took = Duration.ofNanos(System.nanoTime() - began);
            return switch (serving) {
                case SERVING -> {
                    failures = 0;
                    crashLoop = false;
                    backoff = Duration.ZERO;
                    keep(bundle);
                    long pid = supervisor.status().pid().orElse(-1);
                    LOG.infof(
                            "dhcpd (%s) serves config %s, pid %d, after %d ms",
                            role.keyword(), bundle.sha256(), pid, took.toMillis());
                    yield new RestartOutcome.Restarted(bundle.sha256(), pid, took);
                }
                case EXITED ->
                        goBack(bundle, "dhcpd exited during start-up: " + exitReason(), true);
                case TIMED_OUT ->
                        goBack(
                                bundle,
                                "dhcpd did not report serving within "
                                        + timeout.toMillis()
                                        + " ms; last log line: "
                                        + exitReason(),
                                true);
            };
        } finally {
            lifecycle.unlock();
        }
    }

    /**
     * Under the lock, after {@code failed} did not come up: start the kept bundle again (the last
     * that served). Without one (a first install) dhcpd stays on {@code failed}, retried with
     * backoff as after any failed start (the exit of a run that {@code launched} is counted when it
     * is seen).
     */
    private RestartOutcome goBack(RenderedConfig failed, String error, boolean launched) {
        String safe = redactor.redact(error);
        RenderedConfig previous = kept;
        if (previous == null || previous.sha256().equals(failed.sha256())) {
            if (!launched) {
                failed(DhcpdExit.Kind.LAUNCH_FAILED, safe);
            }
            return new RestartOutcome.StartFailed(safe);
        }
        generation++; // a run that is still starting is stopped by us
        supervisor.stop();
        LOG.warnf(
                "dhcpd (%s) did not come up on config %s (%s); starting config %s again, the last"
                        + " that served",
                role.keyword(), failed.sha256(), safe, previous.sha256());
        lastExit =
                new DhcpdExit(
                        DhcpdExit.Kind.EXITED,
                        OptionalInt.empty(),
                        clock.instant(),
                        Duration.ZERO,
                        safe);
        running = previous;
        launch(previous);
        return new RestartOutcome.StartFailed(
                safe + "; dhcpd was started again on config " + previous.sha256());
    }

    /**
     * Under the lock: the run directory for {@code bundle} with the real key, and {@code dhcpd -t}
     * on it. The running dhcpd read its files at its start and is not affected; every later start
     * rewrites the directory from the bundle it starts.
     */
    private ConfigCheck prepare(RenderedConfig bundle) {
        try {
            runDirectory.write(bundle, role, keySource.read(), keyName);
        } catch (IOException | OmapiException e) {
            return ConfigCheck.notRun(
                    "cannot build the run directory: " + redactor.redact(e.getMessage()));
        }
        return supervisor.check(runDirectory.shownNames(role));
    }

    public WatchdogStatus status() {
        DhcpdStatus dhcpd = supervisor.status();
        RenderedConfig bundle = running;
        boolean up = dhcpd.phase() == DhcpdStatus.Phase.UP;
        return new WatchdogStatus(
                dhcpd,
                Optional.ofNullable(bundle).map(RenderedConfig::sha256),
                up ? Optional.ofNullable(startedAt) : Optional.empty(),
                crashLoop,
                failures,
                backoff,
                pendingRestart != null,
                lifecycle.isLocked(),
                Optional.ofNullable(lastExit),
                automaticRestarts.get(),
                requestedRestarts.get(),
                crashLoops.get());
    }

    /** The bundle dhcpd was last started with. */
    public Optional<RenderedConfig> runningBundle() {
        return Optional.ofNullable(running);
    }

    /** The bundle this peer last ran successfully, the one a restart of the agent boots. */
    public Optional<RenderedConfig> keptBundle() {
        return Optional.ofNullable(kept);
    }

    /** Stops dhcpd (SIGTERM, then SIGKILL after the stop timeout) and every pending restart. */
    @Override
    public void close() {
        lifecycle.lock();
        try {
            closed = true;
            cancelPendingRestart();
            generation++;
            supervisor.stop();
        } finally {
            lifecycle.unlock();
            executor.shutdownNow();
        }
    }

    /**
     * Under the lifecycle lock: one start of the running bundle (at boot the kept one), or, when
     * nothing was ever kept or started, the mounted one.
     */
    private void attemptStart() {
        if (closed) {
            return;
        }
        // until a dhcpd has run, a first install retries with whatever is mounted by then
        RenderedConfig bundle = everStarted || kept != null ? running : null;
        if (bundle == null) {
            try {
                bundle = BundleFiles.read(configDir).orElse(null);
            } catch (UncheckedIOException e) {
                failed(DhcpdExit.Kind.NO_BUNDLE, e.getMessage());
                return;
            }
            if (bundle == null) {
                awaitBundle();
                return;
            }
            running = bundle;
        }
        launch(bundle);
    }

    /** Under the lock: writes the run directory and starts; empty on success. */
    private Optional<String> launch(RenderedConfig bundle) {
        StartOutcome outcome;
        try {
            runDirectory.write(bundle, role, keySource.read(), keyName);
            outcome = supervisor.start();
        } catch (IOException | OmapiException e) {
            outcome = new StartOutcome.LaunchFailed(e.getMessage());
        }
        if (outcome instanceof StartOutcome.Started started) {
            onStarted(bundle, started);
            return Optional.empty();
        }
        if (outcome instanceof StartOutcome.AlreadyRunning already) {
            // the run this watchdog watches is alive: nothing died, so nothing is counted
            LOG.warnf(
                    "dhcpd (%s) already runs, pid %d: not started again",
                    role.keyword(), already.pid());
            return Optional.empty();
        }
        String detail;
        if (outcome instanceof StartOutcome.ConfigRejected rejected) {
            detail =
                    "dhcpd -t rejected the run directory: "
                            + rejected.check().firstError().orElse("no error printed");
        } else {
            detail = "cannot launch dhcpd: " + ((StartOutcome.LaunchFailed) outcome).reason();
        }
        failed(
                outcome instanceof StartOutcome.ConfigRejected
                        ? DhcpdExit.Kind.CONFIG_REJECTED
                        : DhcpdExit.Kind.LAUNCH_FAILED,
                detail);
        return Optional.of(redactor.redact(detail));
    }

    private void onStarted(RenderedConfig bundle, StartOutcome.Started started) {
        long run = ++generation;
        startedBundle = bundle;
        startedPid = started.pid();
        startedAt = clock.instant();
        everStarted = true;
        LOG.infof(
                "dhcpd (%s) started, pid %d, config %s, lease file %s",
                role.keyword(), started.pid(), bundle.sha256(), started.leaseFile());
        ProcessHandle.of(started.pid())
                .ifPresentOrElse(
                        handle ->
                                handle.onExit()
                                        .thenRun(
                                                () ->
                                                        schedule(
                                                                () -> onExit(run),
                                                                Duration.ofMillis(
                                                                        EXIT_SETTLE_MILLIS))),
                        () -> schedule(() -> onExit(run), Duration.ZERO));
        schedule(() -> markStable(run), policy.stableAfter());
        startListeners.forEach(listener -> listener.accept(bundle));
    }

    /** Step 2, on the log reader's thread. */
    private void onServing(long pid) {
        RenderedConfig bundle = startedBundle;
        if (pid == startedPid && bundle != null) {
            keep(bundle);
        }
    }

    /**
     * Keeps {@code bundle} unless it is kept already. A failure to write is logged: dhcpd serves
     * on, and a restart of the agent would boot the bundle kept before.
     */
    private void keep(RenderedConfig bundle) {
        synchronized (keeping) {
            RenderedConfig current = kept;
            if (current != null && current.sha256().equals(bundle.sha256())) {
                return;
            }
            try {
                keptStore.keep(bundle);
                kept = bundle;
                LOG.infof(
                        "dhcpd (%s) serves config %s: kept in %s for the next start",
                        role.keyword(), bundle.sha256(), keptStore.dir());
            } catch (IOException | RuntimeException e) {
                LOG.errorf(
                        "cannot keep config %s in %s: %s; a restart of the agent would boot %s",
                        bundle.sha256(),
                        keptStore.dir(),
                        e.getMessage(),
                        current == null ? "the mounted config" : current.sha256());
            }
        }
    }

    private Optional<String> mountedHash() {
        try {
            return BundleFiles.read(configDir).map(RenderedConfig::sha256);
        } catch (UncheckedIOException e) {
            return Optional.empty();
        }
    }

    /** Step 3, for a run that ended without being asked to. */
    private void onExit(long run) {
        lifecycle.lock();
        try {
            if (closed || run != generation) {
                return;
            }
            Instant now = clock.instant();
            Duration ranFor = startedAt == null ? Duration.ZERO : Duration.between(startedAt, now);
            OptionalInt code = supervisor.status().lastExitCode();
            String reason =
                    code.isPresent() && code.getAsInt() > 128
                            ? "killed by signal " + (code.getAsInt() - 128)
                            : exitReason();
            lastExit = new DhcpdExit(DhcpdExit.Kind.EXITED, code, now, ranFor, reason);
            failures = policy.failuresAfterExit(failures, ranFor);
            LOG.warnf(
                    "dhcpd (%s) exited (code %s) after %d ms without being asked: %s",
                    role.keyword(),
                    code.isPresent() ? Integer.toString(code.getAsInt()) : "unknown",
                    ranFor.toMillis(),
                    reason);
            judgeAndSchedule();
        } finally {
            lifecycle.unlock();
        }
    }

    /** Under the lock: a start that did not get dhcpd running. */
    private void failed(DhcpdExit.Kind kind, String detail) {
        String safe = redactor.redact(detail);
        lastExit = new DhcpdExit(kind, OptionalInt.empty(), clock.instant(), Duration.ZERO, safe);
        failures = failures + 1;
        LOG.warnf("dhcpd (%s) not started: %s", role.keyword(), safe);
        judgeAndSchedule();
    }

    /**
     * Under the lock: nothing to start yet (the ConfigMap is not projected). Not a failure of
     * dhcpd: look again at the initial backoff, without counting towards a crash loop.
     */
    private void awaitBundle() {
        if (lastExit == null || lastExit.kind() != DhcpdExit.Kind.NO_BUNDLE) {
            LOG.warnf("no complete bundle in %s yet; waiting for it", configDir);
        }
        lastExit =
                new DhcpdExit(
                        DhcpdExit.Kind.NO_BUNDLE,
                        OptionalInt.empty(),
                        clock.instant(),
                        Duration.ZERO,
                        "no complete bundle in " + configDir);
        backoff = policy.initial();
        scheduleRestart();
    }

    /** Steps 3–4 under the lock. */
    private void judgeAndSchedule() {
        boolean loop = policy.isCrashLoop(failures);
        if (loop && !crashLoop) {
            crashLoops.incrementAndGet();
            LOG.errorf(
                    "dhcpd (%s) is in a crash loop: %d failures in a row; retrying with backoff"
                            + " up to %d ms. Last: %s",
                    role.keyword(),
                    failures,
                    policy.max().toMillis(),
                    lastExit == null ? "-" : lastExit.detail());
        }
        crashLoop = loop;
        backoff = policy.delayAfter(failures);
        scheduleRestart();
    }

    /** Under the lock: the one automatic restart, after {@link #backoff}. */
    private void scheduleRestart() {
        long ticket = cancelPendingRestart();
        pendingRestart = schedule(() -> restartAfterBackoff(ticket), backoff);
    }

    private void restartAfterBackoff(long ticket) {
        lifecycle.lock();
        try {
            if (closed || ticket != restartTicket) {
                return; // cancelled while it waited for the lock: dhcpd was started since
            }
            pendingRestart = null;
            if (running != null) {
                automaticRestarts.incrementAndGet();
            }
            attemptStart();
        } finally {
            lifecycle.unlock();
        }
    }

    private void markStable(long run) {
        lifecycle.lock();
        try {
            if (run == generation && supervisor.status().phase() == DhcpdStatus.Phase.UP) {
                failures = 0;
                crashLoop = false;
                backoff = Duration.ZERO;
            }
        } finally {
            lifecycle.unlock();
        }
    }

    /**
     * Under the lock: cancels the pending restart, also one that already waits for the lock.
     *
     * @return the new ticket, the one a restart scheduled now carries
     */
    private long cancelPendingRestart() {
        long ticket = ++restartTicket;
        ScheduledFuture<?> pending = pendingRestart;
        if (pending != null) {
            pending.cancel(false);
            pendingRestart = null;
        }
        return ticket;
    }

    private ScheduledFuture<?> schedule(Runnable task, Duration delay) {
        try {
            return executor.schedule(task, delay.toMillis(), TimeUnit.MILLISECONDS);
        } catch (java.util.concurrent.RejectedExecutionException e) {
            return null; // shutting down
        }
    }

    /**
     * The line that says why dhcpd stopped: the last one before its bug-report boilerplate, or its
     * last line.
     */
    private String exitReason() {
        return redactor.redact(exitReason(supervisor.logLines()));
    }

    static String exitReason(List<String> lines) {
        int end = lines.size();
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).startsWith(BUG_BOILERPLATE)) {
                end = i;
                break;
            }
        }
        for (int i = end - 1; i >= 0; i--) {
            if (!lines.get(i).isBlank()) {
                return lines.get(i).strip();
            }
        }
        return "(no log output)";
    }
}
