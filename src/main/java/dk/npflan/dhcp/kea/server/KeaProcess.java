package dk.npflan.dhcp.kea.server;

import dk.npflan.dhcp.backend.LeftoverServer;
import dk.npflan.dhcp.backend.LogTail;
import dk.npflan.dhcp.backend.ProcessStop;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.concurrent.TimeUnit;

/**
 * One Kea daemon (kea-dhcp4 or kea-ctrl-agent) as a child process: launched with its pid and lock
 * files in a run directory of its own ({@code KEA_PIDFILE_DIR}, {@code KEA_LOCKFILE_DIR}, so two
 * daemons on one machine, or a read-only root, work), its output kept as the last log lines, and
 * stopped by escalation. {@link KeaServer} and {@link KeaControlAgent} add what is specific to each
 * daemon: how to ask whether it answers and how to ask it to shut down.
 */
final class KeaProcess {

    /** Asks the daemon whether it answers; throws with the reason while it does not. */
    @FunctionalInterface
    interface Probe {
        void answer() throws Exception;
    }

    private static final Duration POLL = Duration.ofMillis(50);

    private final String name;
    private final List<String> command;
    private final Path runDir;
    private final Clock clock;
    private final LogTail logLines;

    /** Written under the lifecycle lock, read without it so pid() answers during a start. */
    private volatile Process process;

    KeaProcess(String name, List<String> command, Path runDir, int logLinesKept, Clock clock) {
        this.name = name;
        this.command = List.copyOf(command);
        this.runDir = runDir;
        this.logLines = new LogTail(logLinesKept);
        this.clock = clock;
    }

    /**
     * Launches the daemon and waits until {@code ready} succeeds, the process exits, or {@code
     * timeout} passes (then the process is killed: a daemon that never answers is of no use).
     */
    synchronized KeaStart start(Probe ready, Duration timeout) throws InterruptedException {
        if (process != null && process.isAlive()) {
            return new KeaStart.AlreadyRunning(process.pid());
        }
        Instant started = clock.instant();
        Process launched;
        try {
            Files.createDirectories(runDir);
            LeftoverServer.stopAll(
                    command.get(0), command.subList(1, command.size()), Duration.ofSeconds(5));
            ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
            builder.environment().put("KEA_PIDFILE_DIR", runDir.toString());
            builder.environment().put("KEA_LOCKFILE_DIR", runDir.toString());
            launched = builder.start();
        } catch (IOException e) {
            return new KeaStart.LaunchFailed(name + ": " + e.getMessage());
        }
        process = launched;
        Thread reader =
                new Thread(
                        () -> logLines.read(launched, line -> {}), name + "-log-" + launched.pid());
        reader.setDaemon(true);
        reader.start();
        Instant deadline = started.plus(timeout);
        String lastError = "no answer yet";
        while (clock.instant().isBefore(deadline)) {
            if (!launched.isAlive()) {
                return exited(launched);
            }
            try {
                ready.answer();
                return new KeaStart.Serving(
                        launched.pid(), Duration.between(started, clock.instant()));
            } catch (Exception e) {
                lastError = e.getMessage();
            }
            Thread.sleep(POLL.toMillis());
        }
        if (!launched.isAlive()) {
            return exited(launched);
        }
        ProcessStop.of(launched).kill(Duration.ofSeconds(5));
        return new KeaStart.TimedOut(lastError, logLines());
    }

    private KeaStart exited(Process launched) throws InterruptedException {
        int code = launched.waitFor();
        // the reader may still be draining the last lines of a daemon that died at once
        Thread.sleep(POLL.toMillis());
        return new KeaStart.Exited(code, logLines());
    }

    /**
     * Stops the daemon: {@code shutdown} (if given), then SIGTERM, then SIGKILL, each given {@code
     * wait} to take effect.
     */
    synchronized KeaStop stop(Probe shutdown, Duration wait) throws InterruptedException {
        Process running = process;
        if (running == null || !running.isAlive()) {
            return new KeaStop(
                    KeaStop.How.NOT_RUNNING,
                    running == null ? OptionalInt.empty() : OptionalInt.of(running.exitValue()));
        }
        try {
            shutdown.answer();
            if (running.waitFor(wait.toMillis(), TimeUnit.MILLISECONDS)) {
                return new KeaStop(
                        KeaStop.How.SHUTDOWN_COMMAND, OptionalInt.of(running.exitValue()));
            }
        } catch (InterruptedException e) {
            throw e;
        } catch (Exception e) {
            // no answer to shutdown: fall through to the signals
        }
        if (ProcessStop.of(running).terminate(wait, wait) == ProcessStop.Outcome.TERMINATED) {
            return new KeaStop(KeaStop.How.SIGTERM, OptionalInt.of(running.exitValue()));
        }
        return new KeaStop(
                KeaStop.How.SIGKILL,
                running.isAlive() ? OptionalInt.empty() : OptionalInt.of(running.exitValue()));
    }

    OptionalLong pid() {
        Process current = process;
        return current != null && current.isAlive()
                ? OptionalLong.of(current.pid())
                : OptionalLong.empty();
    }

    /** The exit code of the last run, empty while it runs or before the first. */
    OptionalInt exitCode() {
        Process current = process;
        return current == null || current.isAlive()
                ? OptionalInt.empty()
                : OptionalInt.of(current.exitValue());
    }

    /** The most recent output lines, oldest first. */
    List<String> logLines() {
        return logLines.lines();
    }
}
