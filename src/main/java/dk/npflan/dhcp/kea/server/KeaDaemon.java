package dk.npflan.dhcp.kea.server;

import java.util.List;
import java.util.OptionalInt;
import java.util.OptionalLong;

/**
 * What every supervised Kea daemon answers for, whatever its kind: pid, exit code, recent output,
 * and stopping on close. {@link KeaServer} and {@link KeaControlAgent} differ only in how they ask
 * their daemon whether it answers and how they tell it to shut down.
 */
public abstract sealed class KeaDaemon implements AutoCloseable permits KeaServer, KeaControlAgent {

    final KeaProcess process;

    KeaDaemon(KeaProcess process) {
        this.process = process;
    }

    /** Launches the daemon and waits until its control channel answers {@code status-get}. */
    public abstract KeaStart start() throws InterruptedException;

    /** The daemon's {@code shutdown} command, then SIGTERM, then SIGKILL. */
    public abstract KeaStop stop() throws InterruptedException;

    /** The running process's pid; empty when it is not running. */
    public final OptionalLong pid() {
        return process.pid();
    }

    /** The exit code of the last run; empty while it runs or before the first start. */
    public final OptionalInt exitCode() {
        return process.exitCode();
    }

    /**
     * The daemon's most recent output lines (what its {@code loggers} send to stdout), oldest
     * first.
     */
    public final List<String> logLines() {
        return process.logLines();
    }

    @Override
    public final void close() throws InterruptedException {
        stop();
    }
}
