package dk.npflan.dhcp.backend;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Stops one process by escalation: SIGTERM, a bounded wait for its exit, then SIGKILL and another
 * bounded wait. The wait after SIGKILL matters: a server is gone, its lease file and sockets free,
 * only once it has exited, not when the signal was sent.
 */
public final class ProcessStop {

    /** How the stop ended. */
    public enum Outcome {
        /** Exited within the wait after SIGTERM. */
        TERMINATED,
        /** Exited after SIGKILL. */
        KILLED,
        /** Still alive after the wait that followed SIGKILL. */
        STILL_ALIVE
    }

    private final ProcessHandle target;
    private final CompletableFuture<?> exit;

    private ProcessStop(ProcessHandle target, CompletableFuture<?> exit) {
        this.target = target;
        this.exit = exit;
    }

    /**
     * A child this JVM started: the wait ends once {@link Process#exitValue()} can be read (its
     * {@link Process#onExit()}).
     */
    public static ProcessStop of(Process child) {
        return new ProcessStop(child.toHandle(), child.onExit());
    }

    /** Any process, e.g. one an earlier agent started. */
    public static ProcessStop of(ProcessHandle process) {
        return new ProcessStop(process, process.onExit());
    }

    /**
     * SIGTERM and up to {@code termWait} for the exit; then SIGKILL and up to {@code killWait}.
     *
     * @throws InterruptedException when interrupted while waiting; the process got SIGKILL first
     */
    public Outcome terminate(Duration termWait, Duration killWait) throws InterruptedException {
        target.destroy();
        if (awaitExit(termWait)) {
            return Outcome.TERMINATED;
        }
        return kill(killWait) ? Outcome.KILLED : Outcome.STILL_ALIVE;
    }

    /**
     * SIGKILL and up to {@code wait} for the exit.
     *
     * @return whether it exited within {@code wait}
     * @throws InterruptedException when interrupted while waiting
     */
    public boolean kill(Duration wait) throws InterruptedException {
        target.destroyForcibly();
        return awaitExit(wait);
    }

    private boolean awaitExit(Duration wait) throws InterruptedException {
        try {
            exit.get(wait.toMillis(), TimeUnit.MILLISECONDS);
            return true;
        } catch (TimeoutException e) {
            return false;
        } catch (ExecutionException e) {
            return !target.isAlive(); // an exit future does not fail
        } catch (InterruptedException e) {
            target.destroyForcibly();
            throw e;
        }
    }
}
