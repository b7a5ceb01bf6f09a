package dk.npflan.dhcp.backend;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
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
 * the embedded pair runs, it does, so a supervisor stops such a process, in its own network
 * namespace and on its own files, before it starts its own.
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
     * The other processes running {@code program arguments} in our network namespace and on our
     * files. Two peers on one machine may run identical command lines, each in namespaces of its
     * own (the local Kea pair's {@code -c /run/kea/kea-dhcp4.json}, a different file per peer): the
     * other peer's server is not ours. The mount namespace itself cannot tell: {@code ip netns
     * exec} gives every agent it starts a new one, so a killed agent's server never shares the new
     * agent's.
     */
    public static List<ProcessHandle> find(String program, List<String> arguments) {
        long self = ProcessHandle.current().pid();
        Optional<Path> ourNetwork = network(self);
        return ProcessHandle.allProcesses()
                .filter(p -> p.pid() != self)
                .filter(p -> runs(p.info().command(), p.info().arguments(), program, arguments))
                .filter(p -> ourNetwork.isPresent() && ourNetwork.equals(network(p.pid())))
                .filter(p -> seesOurFiles(p.pid(), arguments))
                .toList();
    }

    /** The target of a process's {@code /proc/<pid>/ns/net}; empty if unreadable. */
    private static Optional<Path> network(long pid) {
        try {
            return Optional.of(
                    Files.readSymbolicLink(Path.of("/proc", Long.toString(pid), "ns", "net")));
        } catch (IOException | UnsupportedOperationException e) {
            return Optional.empty();
        }
    }

    /**
     * Whether every absolute path among the arguments that exists for us is, seen from the process
     * (through {@code /proc/<pid>/root}, i.e. in its mount namespace), the same file; false if none
     * could be compared.
     */
    static boolean seesOurFiles(long pid, List<String> arguments) {
        Path theirRoot = Path.of("/proc", Long.toString(pid), "root");
        boolean compared = false;
        for (String argument : arguments) {
            if (!argument.startsWith("/")) {
                continue;
            }
            Optional<Object> ours = fileKey(Path.of(argument));
            if (ours.isEmpty()) {
                continue;
            }
            if (!ours.equals(fileKey(theirRoot.resolve(argument.substring(1))))) {
                return false;
            }
            compared = true;
        }
        return compared;
    }

    private static Optional<Object> fileKey(Path path) {
        try {
            return Optional.ofNullable(
                    Files.readAttributes(path, BasicFileAttributes.class).fileKey());
        } catch (IOException e) {
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
