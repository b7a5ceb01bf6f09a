package dk.npflan.dhcp.dhcpd;

import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.jboss.logging.Logger;

/**
 * A dhcpd serving our config and lease file that this agent did not start: what an agent killed on
 * its own leaves behind (its dhcpd child lives on, still serving). A new agent starting a second
 * one beside it would have two dhcpds in one network namespace write one lease file. In a pod this
 * does not happen (the container's processes die with it); on one machine, as the embedded pair
 * runs, it does, so the supervisor stops such a dhcpd before it starts its own.
 */
final class LeftoverDhcpd {

    private static final Logger LOG = Logger.getLogger(LeftoverDhcpd.class);

    private LeftoverDhcpd() {}

    /** Stops every such dhcpd: SIGTERM, then SIGKILL after {@code stopTimeout}. */
    static void stopAll(DhcpdInvocation invocation, Duration stopTimeout) {
        for (ProcessHandle leftover : find(invocation)) {
            LOG.warnf(
                    "dhcpd pid %d serves %s and was not started by this agent (an earlier agent's,"
                            + " left running when that agent was killed): stopping it",
                    leftover.pid(), invocation.leaseFile());
            stop(leftover, stopTimeout);
        }
    }

    static List<ProcessHandle> find(DhcpdInvocation invocation) {
        long self = ProcessHandle.current().pid();
        return ProcessHandle.allProcesses()
                .filter(p -> p.pid() != self)
                .filter(p -> p.info().arguments().map(a -> serves(a, invocation)).orElse(false))
                .toList();
    }

    /**
     * Whether a command line serves this invocation's files: the same {@code -cf} and {@code -lf},
     * and not a {@code -t} check (which reads the config beside a running dhcpd, harmlessly).
     */
    static boolean serves(String[] arguments, DhcpdInvocation invocation) {
        List<String> args = Arrays.asList(arguments);
        return !args.contains("-t")
                && follows(args, "-cf", invocation.configFile().toString())
                && follows(args, "-lf", invocation.leaseFile().toString());
    }

    private static boolean follows(List<String> args, String flag, String value) {
        int at = args.indexOf(flag);
        return at >= 0 && at + 1 < args.size() && args.get(at + 1).equals(value);
    }

    private static void stop(ProcessHandle leftover, Duration stopTimeout) {
        leftover.destroy();
        try {
            leftover.onExit().get(stopTimeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            leftover.destroyForcibly();
        } catch (ExecutionException e) {
            // onExit does not fail
        } catch (InterruptedException e) {
            leftover.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }
}
