package dk.npflan.dhcp.backend;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.jboss.logging.Logger;

/**
 * A DHCP server with our exact command line (so our config and lease files) that this agent did not
 * start: what an agent killed on its own leaves behind, its child still serving. A new agent
 * starting a second one beside it would have two servers in one network namespace on one lease
 * file. In a pod this does not happen (the container's processes die with it); on one machine, as
 * the embedded pair runs, it does, so a supervisor stops such a process, in its own namespaces,
 * before it starts its own.
 */
public final class LeftoverServer {

    private static final Logger LOG = Logger.getLogger(LeftoverServer.class);

    private LeftoverServer() {}

    /**
     * Stops every other process running {@code program} with exactly {@code arguments}: SIGTERM,
     * then SIGKILL after {@code wait}, and up to {@code wait} again for it to exit, so that it no
     * longer holds the lease file or the sockets when ours starts.
     */
    public static void stopAll(String program, List<String> arguments, Duration wait) {
        for (ProcessHandle leftover : find(program, arguments)) {
            LOG.warnf(
                    "pid %d runs %s %s and was not started by this agent (an earlier agent's, left"
                            + " running when that agent was killed): stopping it",
                    leftover.pid(), program, String.join(" ", arguments));
            stop(leftover, wait);
        }
    }

    /**
     * The other processes running {@code program arguments} in our network and mount namespaces.
     * Two peers on one machine may run identical command lines, each in namespaces of its own (the
     * local Kea pair's {@code -c /run/kea/kea-dhcp4.json}): the other peer's server is not ours.
     */
    public static List<ProcessHandle> find(String program, List<String> arguments) {
        long self = ProcessHandle.current().pid();
        Optional<List<Path>> ours = namespaces(self);
        return ProcessHandle.allProcesses()
                .filter(p -> p.pid() != self)
                .filter(p -> runs(p.info().command(), p.info().arguments(), program, arguments))
                .filter(p -> ours.isPresent() && ours.equals(namespaces(p.pid())))
                .toList();
    }

    /**
     * The targets of a process's {@code /proc/<pid>/ns/net} and {@code mnt}; empty if unreadable.
     */
    private static Optional<List<Path>> namespaces(long pid) {
        try {
            Path ns = Path.of("/proc", Long.toString(pid), "ns");
            return Optional.of(
                    List.of(
                            Files.readSymbolicLink(ns.resolve("net")),
                            Files.readSymbolicLink(ns.resolve("mnt"))));
        } catch (IOException | UnsupportedOperationException e) {
            return Optional.empty();
        }
    }

    /**
     * Whether a process's command line is {@code program arguments}: its arguments end with ours,
     * and the executable (or, for a script, the argument before ours) has the program's file name.
     * A {@code -t} check has other arguments, so it never matches.
     */
    static boolean runs(
            Optional<String> executable,
            Optional<String[]> processArguments,
            String program,
            List<String> arguments) {
        if (processArguments.isEmpty()) {
            return false;
        }
        List<String> actual = Arrays.asList(processArguments.get());
        int extra = actual.size() - arguments.size();
        if (extra < 0 || !actual.subList(extra, actual.size()).equals(arguments)) {
            return false;
        }
        String name = fileName(program);
        return executable.map(LeftoverServer::fileName).filter(name::equals).isPresent()
                || (extra > 0 && fileName(actual.get(extra - 1)).equals(name));
    }

    private static String fileName(String path) {
        Path name = Path.of(path).getFileName();
        return name == null ? path : name.toString();
    }

    private static void stop(ProcessHandle leftover, Duration wait) {
        try {
            if (ProcessStop.of(leftover).terminate(wait, wait) == ProcessStop.Outcome.STILL_ALIVE) {
                LOG.errorf(
                        "pid %d is still alive %d ms after SIGKILL: starting beside it",
                        leftover.pid(), wait.toMillis());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
