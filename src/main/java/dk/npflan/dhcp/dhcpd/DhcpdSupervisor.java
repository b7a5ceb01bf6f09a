package dk.npflan.dhcp.dhcpd;

import dk.npflan.dhcp.backend.LeftoverServer;
import dk.npflan.dhcp.backend.LogTail;
import dk.npflan.dhcp.backend.ProcessStop;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import java.util.function.LongConsumer;
import org.jboss.logging.Logger;

/**
 * Runs one real dhcpd process and answers for it: checks the config with {@code dhcpd -t} before
 * every start, makes sure the lease file exists (never truncating it), captures dhcpd's log, turns
 * failover transitions into {@link FailoverLogEvent}s and reports up/down, pid, uptime, exit code
 * and restarts. dhcpd has no reload, so a config change means {@link #restart()}: SIGTERM (an
 * immediate exit in stock builds, the partner sees the TCP close and goes to
 * communications-interrupted) and start again.
 */
public final class DhcpdSupervisor implements AutoCloseable {

    /** A recognised failover transition and when this supervisor read it. */
    public record ObservedTransition(Instant at, FailoverLogEvent event) {}

    /** What {@link #awaitServing} saw. */
    public enum Serving {
        /** dhcpd logged {@code Server starting service.} */
        SERVING,
        /** dhcpd exited before it started serving; see {@link #logLines()}. */
        EXITED,
        /** Neither within the timeout. */
        TIMED_OUT
    }

    private static final Logger LOG = Logger.getLogger(DhcpdSupervisor.class);
    private static final String SERVING_LINE = "Server starting service.";
    private static final Duration POLL = Duration.ofMillis(20);
    private static final Duration LOG_END_WAIT = Duration.ofSeconds(1);

    private final DhcpdInvocation invocation;
    private final DhcpdConfigChecker checker;
    private final Duration stopTimeout;
    private final Clock clock;
    private final LogTail logLines;
    private final List<ObservedTransition> transitions = new CopyOnWriteArrayList<>();
    private final List<Consumer<FailoverLogEvent>> listeners = new CopyOnWriteArrayList<>();
    private final List<Consumer<String>> lineListeners = new CopyOnWriteArrayList<>();
    private final List<LongConsumer> servingListeners = new CopyOnWriteArrayList<>();

    /** Serialises start, stop and restart; the instance itself guards the state below. */
    private final Object lifecycle = new Object();

    private Process process;
    private Thread logReader;
    private Instant startedAt;
    private volatile boolean serving;
    private OptionalInt lastExitCode = OptionalInt.empty();
    private int starts;

    public DhcpdSupervisor(
            DhcpdInvocation invocation,
            DhcpdConfigChecker checker,
            Duration stopTimeout,
            int logLinesKept,
            Clock clock) {
        this.invocation = invocation;
        this.checker = checker;
        this.stopTimeout = stopTimeout;
        this.logLines = new LogTail(logLinesKept);
        this.clock = clock;
    }

    public static DhcpdSupervisor from(DhcpdProcessSettings settings) {
        return new DhcpdSupervisor(
                DhcpdInvocation.from(settings),
                DhcpdConfigChecker.from(settings),
                settings.stopTimeout(),
                settings.logLinesKept(),
                Clock.systemUTC());
    }

    public DhcpdInvocation invocation() {
        return invocation;
    }

    /**
     * Checks the config, ensures the lease file and launches dhcpd. The {@code dhcpd -t} runs
     * without the status lock, so {@link #status()} answers while a big config is checked.
     */
    public StartOutcome start() {
        synchronized (lifecycle) {
            OptionalLong running = runningPid();
            if (running.isPresent()) {
                return new StartOutcome.AlreadyRunning(running.getAsLong());
            }
            ConfigCheck check = checker.check(invocation.configFile());
            if (!check.passed()) {
                return new StartOutcome.ConfigRejected(check);
            }
            return launch();
        }
    }

    /**
     * Runs {@code dhcpd -t} on the config file this supervisor starts, as it lies now, without
     * touching a running dhcpd: the caller checks a new run directory while the working dhcpd still
     * serves and passes the verdict to {@link #start(ConfigCheck)}.
     */
    public ConfigCheck check(Map<Path, String> shownAs) {
        return checker.check(invocation.configFile(), shownAs);
    }

    /**
     * Ensures the lease file and launches dhcpd on a config that {@code passed} {@link #check} (the
     * caller must not have changed the files since): one {@code dhcpd -t} per start.
     *
     * @throws IllegalArgumentException when {@code passed} is not a passed check
     */
    public StartOutcome start(ConfigCheck passed) {
        if (!passed.passed()) {
            throw new IllegalArgumentException("not a passed dhcpd -t: " + passed.verdict());
        }
        synchronized (lifecycle) {
            OptionalLong running = runningPid();
            if (running.isPresent()) {
                return new StartOutcome.AlreadyRunning(running.getAsLong());
            }
            return launch();
        }
    }

    /**
     * Called with dhcpd's pid when it logs that it serves ({@code Server starting service.}), on
     * the log reader's thread.
     */
    public void onServing(LongConsumer listener) {
        servingListeners.add(listener);
    }

    private StartOutcome launch() {
        LeaseFile.Presence lease;
        Process launched;
        try {
            lease = LeaseFile.ensureExists(invocation.leaseFile());
            LeftoverServer.stopAll(invocation.binary(), invocation.serveArguments(), stopTimeout);
            launched =
                    new ProcessBuilder(invocation.serveCommand()).redirectErrorStream(true).start();
        } catch (IOException e) {
            return new StartOutcome.LaunchFailed(e.getMessage());
        }
        synchronized (this) {
            process = launched;
            startedAt = clock.instant();
            serving = false;
            starts++;
        }
        Thread reader = new Thread(() -> readLog(launched), "dhcpd-log-" + launched.pid());
        reader.setDaemon(true);
        synchronized (this) {
            logReader = reader;
        }
        reader.start();
        launched.onExit().thenAccept(this::recordExit);
        return new StartOutcome.Started(launched.pid(), lease);
    }

    /**
     * Stops dhcpd with SIGTERM, then SIGKILL if it is still alive after the stop timeout.
     *
     * @return the exit code, or empty if nothing was running
     */
    public OptionalInt stop() {
        synchronized (lifecycle) {
            Process running;
            synchronized (this) {
                running = process;
            }
            if (running == null) {
                return OptionalInt.empty();
            }
            try {
                ProcessStop.of(running).terminate(stopTimeout, stopTimeout);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            synchronized (this) {
                process = null;
                serving = false;
                if (running.isAlive()) {
                    return OptionalInt.empty();
                }
                lastExitCode = OptionalInt.of(running.exitValue());
                return lastExitCode;
            }
        }
    }

    /**
     * Checks the config first and only then stops and starts: a config that fails {@code dhcpd -t}
     * leaves the running dhcpd untouched. Start, stop and restart are serialised among themselves,
     * but none holds the status lock while dhcpd -t or a stop runs.
     */
    public StartOutcome restart() {
        synchronized (lifecycle) {
            ConfigCheck check = checker.check(invocation.configFile());
            if (!check.passed()) {
                return new StartOutcome.ConfigRejected(check);
            }
            stop();
            return launch();
        }
    }

    public synchronized DhcpdStatus status() {
        boolean up = process != null && process.isAlive();
        return new DhcpdStatus(
                up ? DhcpdStatus.Phase.UP : DhcpdStatus.Phase.DOWN,
                up ? OptionalLong.of(process.pid()) : OptionalLong.empty(),
                up ? Duration.between(startedAt, clock.instant()) : Duration.ZERO,
                lastExitCode,
                Math.max(0, starts - 1));
    }

    private synchronized OptionalLong runningPid() {
        return process != null && process.isAlive()
                ? OptionalLong.of(process.pid())
                : OptionalLong.empty();
    }

    /**
     * Waits until dhcpd reports that it serves, exits, or the timeout passes on the supervisor's
     * clock.
     */
    public Serving awaitServing(Duration timeout) throws InterruptedException {
        Instant deadline = clock.instant().plus(timeout);
        while (clock.instant().isBefore(deadline)) {
            if (serving) {
                return Serving.SERVING;
            }
            Process current;
            synchronized (this) {
                current = process;
            }
            if (current == null || !current.isAlive()) {
                awaitLogEnd();
                return serving ? Serving.SERVING : Serving.EXITED;
            }
            Thread.sleep(POLL.toMillis());
        }
        return serving ? Serving.SERVING : Serving.TIMED_OUT;
    }

    /** The log of a run that exited is read to its end, so its last line says why. */
    private void awaitLogEnd() throws InterruptedException {
        Thread reader;
        synchronized (this) {
            reader = logReader;
        }
        if (reader != null) {
            reader.join(LOG_END_WAIT.toMillis());
        }
    }

    /** The most recent log lines, oldest first. */
    public List<String> logLines() {
        return logLines.lines();
    }

    /** Every failover transition recognised since this supervisor was created, oldest first. */
    public List<ObservedTransition> transitions() {
        return List.copyOf(transitions);
    }

    public void onTransition(Consumer<FailoverLogEvent> listener) {
        listeners.add(listener);
    }

    /** Every log line dhcpd prints, as it is read (the agent forwards them to its own log). */
    public void onLogLine(Consumer<String> listener) {
        lineListeners.add(listener);
    }

    @Override
    public void close() {
        stop();
    }

    private void readLog(Process source) {
        logLines.read(
                source,
                line -> {
                    for (Consumer<String> listener : lineListeners) {
                        listener.accept(line);
                    }
                    if (line.startsWith(SERVING_LINE)) {
                        serving = true;
                        servingListeners.forEach(l -> tell(l, source.pid()));
                    }
                    DhcpdLogRecognizer.recognise(line).ifPresent(this::publish);
                });
    }

    /** A listener that throws is logged and skipped: it must not end the log capture. */
    private void publish(FailoverLogEvent event) {
        transitions.add(new ObservedTransition(clock.instant(), event));
        for (Consumer<FailoverLogEvent> listener : listeners) {
            try {
                listener.accept(event);
            } catch (RuntimeException e) {
                LOG.warnf("dhcpd %d: a failover listener failed on %s: %s", pidOrZero(), event, e);
                LOG.debug("failover listener failure", e);
            }
        }
    }

    private void tell(LongConsumer listener, long pid) {
        try {
            listener.accept(pid);
        } catch (RuntimeException e) {
            LOG.warnf("dhcpd %d: a serving listener failed: %s", pid, e);
        }
    }

    private long pidOrZero() {
        return runningPid().orElse(0);
    }

    private synchronized void recordExit(Process exited) {
        lastExitCode = OptionalInt.of(exited.exitValue());
    }
}
