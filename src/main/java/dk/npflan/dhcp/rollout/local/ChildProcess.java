package dk.npflan.dhcp.rollout.local;

import java.time.Duration;
import java.util.Collection;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Stops child processes (agents, dhcpd, dhcrelay) the way the kubelet stops a container: SIGTERM, a
 * grace period, then SIGKILL.
 */
public final class ChildProcess {

    /** How long to wait for a process to go after SIGKILL. */
    private static final Duration KILL_WAIT = Duration.ofSeconds(5);

    private ChildProcess() {}

    /**
     * SIGTERM, up to {@code grace} for it to exit, else SIGKILL.
     *
     * @return its exit code, or -1 when it had to be killed
     */
    public static int stop(Process process, Duration grace) throws InterruptedException {
        process.destroy();
        if (process.waitFor(grace.toMillis(), TimeUnit.MILLISECONDS)) {
            return process.exitValue();
        }
        process.destroyForcibly().waitFor(KILL_WAIT.toMillis(), TimeUnit.MILLISECONDS);
        return -1;
    }

    /**
     * For clean-up: SIGTERM to all at once, then each gets up to {@code grace} before SIGKILL. An
     * interrupt keeps its flag set and kills what is still running without waiting.
     */
    public static void stopAll(Collection<Process> processes, Duration grace) {
        stopAllHandles(processes.stream().map(Process::toHandle).toList(), grace);
    }

    /**
     * {@link #stopAll} for processes this JVM did not start (a pair adopted from an earlier {@code
     * serve}) as well as its own.
     */
    public static void stopAllHandles(Collection<ProcessHandle> processes, Duration grace) {
        processes.forEach(ProcessHandle::destroy);
        for (ProcessHandle process : processes) {
            try {
                process.onExit().get(grace.toMillis(), TimeUnit.MILLISECONDS);
            } catch (TimeoutException | ExecutionException e) {
                process.destroyForcibly();
                awaitExit(process, KILL_WAIT);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                process.destroyForcibly();
            }
        }
    }

    private static void awaitExit(ProcessHandle process, Duration wait) {
        try {
            process.onExit().get(wait.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException | ExecutionException e) {
            // SIGKILLed; nothing more to do
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
