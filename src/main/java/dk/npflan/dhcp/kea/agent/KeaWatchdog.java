package dk.npflan.dhcp.kea.agent;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dk.npflan.dhcp.agent.KeptBundle;
import dk.npflan.dhcp.agent.RestartPolicy;
import dk.npflan.dhcp.config.RenderedConfig;
import dk.npflan.dhcp.kea.server.KeaControlAgent;
import dk.npflan.dhcp.kea.server.KeaServer;
import dk.npflan.dhcp.kea.server.KeaStart;
import dk.npflan.dhcp.peer.AgentApi;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.concurrent.Callable;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Function;
import java.util.function.Supplier;
import org.jboss.logging.Logger;

/**
 * Keeps kea-dhcp4 (and, where the Kea version needs it, kea-ctrl-agent) running, as the dhcpd
 * watchdog keeps dhcpd:
 *
 * <ol>
 *   <li>At start, take the {@link KeptBundle} (what this peer last ran, on its persistent volume),
 *       or only when none was kept (a first install) the mounted bundle; write this role's run copy
 *       ({@link KeaRunFiles}) and start kea-dhcp4 on it, then kea-ctrl-agent on this peer's HA URL.
 *       No complete bundle yet: look again every {@code restart-backoff.initial}. A restart of the
 *       pod never starts a bundle the rollout has not applied to this peer.
 *   <li>kea-dhcp4 exits without being asked, or a start fails: count a failure (a run of {@code
 *       stable-after} starts a new series), wait {@code initial × 2^(n−1)} capped at {@code max},
 *       and start it again <b>on the same run copy</b>; from {@code crash-loop-threshold} failures
 *       in a row it is a crash loop. A dead kea-ctrl-agent is started again after {@code initial}.
 *   <li>An apply that Kea accepted replaces the run copy and the kept bundle ({@link #applied}), so
 *       a later crash or agent restart starts the applied config; so does a start that serves.
 * </ol>
 *
 * A check every 250 ms notices exits; it skips while an apply holds the lifecycle ({@link
 * #exclusive}).
 */
final class KeaWatchdog implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(KeaWatchdog.class);
    private static final Duration TICK = Duration.ofMillis(250);

    /** What the agent shows of its daemons; one snapshot. */
    record Status(
            boolean running,
            OptionalLong pid,
            Optional<Instant> startedAt,
            Duration uptime,
            long restarts,
            boolean crashLoop,
            boolean live,
            Optional<AgentApi.LastExit> lastExit,
            Optional<String> runningHash,
            Duration backoff,
            long automaticRestarts,
            long requestedRestarts,
            long crashLoops,
            List<AgentApi.Daemon> daemons) {}

    private final KeaServer dhcp4;
    private final KeaRunFiles files;
    private final boolean needsControlAgent;
    private final Optional<String> agentHttpHost;
    private final Function<URI, KeaControlAgent> controlAgents;
    private final Supplier<Optional<RenderedConfig>> mounted;
    private final RestartPolicy policy;
    private final KeptBundle kept;
    private final Clock clock;
    private final ReentrantLock lifecycle = new ReentrantLock();
    private final ScheduledExecutorService timer =
            Executors.newSingleThreadScheduledExecutor(
                    r -> {
                        Thread t = new Thread(r, "kea-watchdog");
                        t.setDaemon(true);
                        return t;
                    });
    private final AtomicLong automaticRestarts = new AtomicLong();
    private final AtomicLong requestedRestarts = new AtomicLong();
    private final AtomicLong crashLoops = new AtomicLong();
    private final AtomicLong agentRestarts = new AtomicLong();

    private volatile RenderedConfig running;
    private volatile ObjectNode runningDhcp4;
    private volatile Instant startedAt;
    private volatile int failures;
    private volatile boolean crashLoop;
    private volatile Duration backoff = Duration.ZERO;
    private volatile Instant retryAt;
    private volatile AgentApi.LastExit lastExit;
    private volatile boolean everStarted;
    private volatile boolean closed;
    private volatile KeaControlAgent agent;
    private volatile URI agentUrl;
    private volatile Instant agentRetryAt;

    KeaWatchdog(
            KeaServer dhcp4,
            KeaRunFiles files,
            boolean needsControlAgent,
            Optional<String> agentHttpHost,
            Function<URI, KeaControlAgent> controlAgents,
            Supplier<Optional<RenderedConfig>> mounted,
            RestartPolicy policy,
            KeptBundle kept,
            Clock clock) {
        this.dhcp4 = dhcp4;
        this.files = files;
        this.needsControlAgent = needsControlAgent;
        this.agentHttpHost = agentHttpHost;
        this.controlAgents = controlAgents;
        this.mounted = mounted;
        this.policy = policy;
        this.kept = kept;
        this.clock = clock;
    }

    /** Step 1, then the checks of step 2 every 250 ms. */
    void begin() {
        exclusive(
                () -> {
                    running = kept.read().orElse(null);
                    if (running != null) {
                        LOG.infof(
                                "kea-dhcp4: booting the kept config %s (the last this peer ran),"
                                        + " mounted is %s",
                                running.sha256(),
                                mounted.get().map(RenderedConfig::sha256).orElse("none"));
                    } else {
                        LOG.infof(
                                "kea-dhcp4: no kept config in %s (first start): booting the"
                                        + " mounted one",
                                kept.dir());
                    }
                    attempt();
                    return null;
                });
        timer.scheduleWithFixedDelay(
                this::tick, TICK.toMillis(), TICK.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Runs {@code work} while no start, restart or check runs (the apply's config-set). */
    <T> T exclusive(Callable<T> work) {
        lifecycle.lock();
        try {
            return work.call();
        } catch (RuntimeException e) {
            throw e;
        } catch (Exception e) {
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
            throw new IllegalStateException(e);
        } finally {
            lifecycle.unlock();
        }
    }

    /** Step 3: kea-dhcp4 accepted {@code dhcp4} of {@code bundle}; it is what runs now. */
    void applied(RenderedConfig bundle, ObjectNode dhcp4) throws InterruptedException {
        files.writeDhcp4(dhcp4);
        running = bundle;
        runningDhcp4 = dhcp4;
        keep(bundle);
        startControlAgent(dhcp4);
    }

    /** Stops kea-dhcp4 and starts it on {@code bundle} (an in-place restart, or nothing ran). */
    KeaStart restartWith(RenderedConfig bundle) throws InterruptedException {
        lifecycle.lock();
        try {
            retryAt = null;
            dhcp4.stop();
            requestedRestarts.incrementAndGet();
            return startOn(bundle);
        } finally {
            lifecycle.unlock();
        }
    }

    Optional<RenderedConfig> runningBundle() {
        return Optional.ofNullable(running);
    }

    /** The value of {@code Dhcp4} kea-dhcp4 was last started on or applied. */
    Optional<ObjectNode> runningDhcp4() {
        return Optional.ofNullable(runningDhcp4);
    }

    boolean serving() {
        return dhcp4.pid().isPresent();
    }

    Status status() {
        OptionalLong pid = dhcp4.pid();
        boolean up = pid.isPresent();
        Instant started = startedAt;
        KeaControlAgent currentAgent = agent;
        OptionalLong agentPid = currentAgent == null ? OptionalLong.empty() : currentAgent.pid();
        List<AgentApi.Daemon> daemons =
                needsControlAgent
                        ? List.of(
                                daemon("kea-dhcp4", pid, restarts()),
                                daemon("kea-ctrl-agent", agentPid, agentRestarts.get()))
                        : List.of(daemon("kea-dhcp4", pid, restarts()));
        return new Status(
                up,
                pid,
                up ? Optional.ofNullable(started) : Optional.empty(),
                up && started != null ? Duration.between(started, clock.instant()) : Duration.ZERO,
                restarts(),
                crashLoop,
                up || retryAt != null || lifecycle.isLocked(),
                Optional.ofNullable(lastExit),
                Optional.ofNullable(running).map(RenderedConfig::sha256),
                backoff,
                automaticRestarts.get(),
                requestedRestarts.get(),
                crashLoops.get(),
                daemons);
    }

    private long restarts() {
        return automaticRestarts.get() + requestedRestarts.get();
    }

    private static AgentApi.Daemon daemon(String name, OptionalLong pid, long restarts) {
        return new AgentApi.Daemon(
                name,
                pid.isPresent(),
                pid.isPresent() ? pid.getAsLong() : null,
                (int) Math.min(Integer.MAX_VALUE, restarts));
    }

    @Override
    public void close() {
        closed = true;
        timer.shutdownNow();
        lifecycle.lock();
        try {
            KeaControlAgent current = agent;
            if (current != null) {
                current.stop();
            }
            dhcp4.stop();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            lifecycle.unlock();
        }
    }

    private void tick() {
        if (closed || !lifecycle.tryLock()) {
            return;
        }
        try {
            Instant now = clock.instant();
            if (retryAt != null) {
                if (!now.isBefore(retryAt)) {
                    retryAt = null;
                    if (everStarted) {
                        automaticRestarts.incrementAndGet();
                    }
                    attempt();
                }
                return;
            }
            if (running == null) {
                return;
            }
            if (dhcp4.pid().isEmpty()) {
                Duration ranFor =
                        startedAt == null ? Duration.ZERO : Duration.between(startedAt, now);
                fail("EXITED", dhcp4.exitCode(), ranFor, lastLogLine(dhcp4.logLines()));
                return;
            }
            if (failures > 0
                    && startedAt != null
                    && Duration.between(startedAt, now).compareTo(policy.stableAfter()) >= 0) {
                failures = 0;
                crashLoop = false;
                backoff = Duration.ZERO;
            }
            KeaControlAgent current = agent;
            boolean agentDown = current == null || current.pid().isEmpty();
            if (needsControlAgent
                    && runningDhcp4 != null
                    && agentDown
                    && (agentRetryAt == null || !now.isBefore(agentRetryAt))) {
                if (current != null) {
                    agentRestarts.incrementAndGet();
                    LOG.warnf(
                            "kea-ctrl-agent exited (%s): starting it again",
                            lastLogLine(current.logLines()));
                }
                agentUrl = null;
                startControlAgent(runningDhcp4);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            LOG.errorf("kea watchdog check failed: %s", e.toString());
        } finally {
            lifecycle.unlock();
        }
    }

    /**
     * Starts on the bundle that ran (at boot the kept one), or (before anything ran or was kept) on
     * what is mounted now.
     */
    private void attempt() throws InterruptedException {
        RenderedConfig bundle =
                everStarted || running != null ? running : mounted.get().orElse(null);
        if (bundle == null) {
            lastExit =
                    new AgentApi.LastExit(
                            "NO_BUNDLE",
                            null,
                            clock.instant().toString(),
                            0,
                            "no complete Kea bundle is mounted");
            retryAt = clock.instant().plus(policy.initial());
            return;
        }
        startOn(bundle);
    }

    private KeaStart startOn(RenderedConfig bundle) throws InterruptedException {
        ObjectNode form;
        try {
            form = files.dhcp4(bundle);
            files.writeDhcp4(form);
        } catch (RuntimeException e) {
            running = bundle;
            fail("CONFIG_REJECTED", OptionalInt.empty(), Duration.ZERO, e.getMessage());
            return new KeaStart.LaunchFailed(e.getMessage());
        }
        running = bundle;
        runningDhcp4 = form;
        KeaStart start = dhcp4.start();
        if (start instanceof KeaStart.Serving serving) {
            startedAt = clock.instant();
            everStarted = true;
            LOG.infof(
                    "kea-dhcp4 serves config %s, pid %d, after %d ms",
                    bundle.sha256(), serving.pid(), serving.took().toMillis());
            keep(bundle);
            agentUrl = null;
            startControlAgent(form);
        } else if (start instanceof KeaStart.Exited exited) {
            fail(
                    "CONFIG_REJECTED",
                    OptionalInt.of(exited.exitCode()),
                    Duration.ZERO,
                    lastLogLine(exited.lastLogLines()));
        } else if (start instanceof KeaStart.TimedOut timedOut) {
            fail(
                    "EXITED",
                    OptionalInt.empty(),
                    Duration.ZERO,
                    "no answer on the control socket: " + timedOut.lastError());
        } else if (start instanceof KeaStart.LaunchFailed launch) {
            fail("LAUNCH_FAILED", OptionalInt.empty(), Duration.ZERO, launch.reason());
        }
        return start;
    }

    /**
     * Keeps {@code bundle} for the next start of the agent; a failure is logged (Kea serves on, a
     * restart of the agent would boot what was kept before).
     */
    private void keep(RenderedConfig bundle) {
        Optional<RenderedConfig> before = kept.read();
        if (before.isPresent() && before.get().sha256().equals(bundle.sha256())) {
            return;
        }
        try {
            kept.keep(bundle);
            LOG.infof("kea-dhcp4 runs config %s: kept in %s", bundle.sha256(), kept.dir());
        } catch (java.io.IOException | RuntimeException e) {
            LOG.errorf(
                    "cannot keep config %s in %s: %s", bundle.sha256(), kept.dir(), e.toString());
        }
    }

    /** (Re)starts kea-ctrl-agent where this peer's HA URL in {@code dhcp4} says, if needed. */
    private void startControlAgent(ObjectNode dhcp4) throws InterruptedException {
        if (!needsControlAgent) {
            return;
        }
        Optional<HaRelationship> ha = HaRelationship.of(dhcp4);
        if (ha.isEmpty()) {
            return;
        }
        URI url = KeaRunFiles.listenUrl(ha.get().self().url(), agentHttpHost);
        KeaControlAgent current = agent;
        if (current != null && current.pid().isPresent() && url.equals(agentUrl)) {
            return;
        }
        if (current != null) {
            current.stop();
        }
        files.writeControlAgent(url.getHost(), url.getPort());
        URI reach =
                url.getHost().equals("0.0.0.0")
                        ? URI.create("http://127.0.0.1:" + url.getPort() + "/")
                        : url;
        KeaControlAgent started = controlAgents.apply(reach);
        agent = started;
        KeaStart start = started.start();
        if (start instanceof KeaStart.Serving) {
            agentUrl = url;
            agentRetryAt = null;
            LOG.infof("kea-ctrl-agent listens on %s", url);
        } else {
            agentRetryAt = clock.instant().plus(policy.initial());
            LOG.errorf("kea-ctrl-agent did not start on %s: %s", url, start);
        }
    }

    private void fail(String kind, OptionalInt exitCode, Duration ranFor, String detail) {
        Instant now = clock.instant();
        lastExit =
                new AgentApi.LastExit(
                        kind,
                        exitCode.isPresent() ? exitCode.getAsInt() : null,
                        now.toString(),
                        ranFor.toMillis() / 1000.0,
                        detail);
        failures = policy.failuresAfterExit(failures, ranFor);
        backoff = policy.delayAfter(failures);
        if (policy.isCrashLoop(failures) && !crashLoop) {
            crashLoop = true;
            crashLoops.incrementAndGet();
            LOG.errorf("kea-dhcp4 crash loop: %d failures in a row, last: %s", failures, detail);
        } else {
            LOG.warnf(
                    "kea-dhcp4 %s (%s); starting it again in %d ms",
                    kind, detail, backoff.toMillis());
        }
        retryAt = now.plus(backoff);
    }

    private static String lastLogLine(List<String> lines) {
        for (int i = lines.size() - 1; i >= 0; i--) {
            if (!lines.get(i).isBlank()) {
                return lines.get(i);
            }
        }
        return "no output";
    }
}
