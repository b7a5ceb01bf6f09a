package dk.npflan.dhcp.agent;

import dk.npflan.dhcp.dhcpd.DhcpdStatus;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * A snapshot of the agent's supervision of dhcpd, for {@code /live}, {@code /state} and metrics.
 *
 * @param dhcpd the process as {@link dk.npflan.dhcp.dhcpd.DhcpdSupervisor} sees it
 * @param runningHash hash of the bundle dhcpd was last started with
 * @param startedAt when the running dhcpd was started
 * @param crashLoop whether the quick exits in a row reached the crash-loop threshold
 * @param consecutiveFailures quick exits (or failed starts) in a row
 * @param backoff the delay of the current series of failures (before the pending or running
 *     restart); zero once dhcpd runs stably or after a successful requested restart
 * @param restartPending whether the agent will start dhcpd again by itself
 * @param restarting whether a start or restart is running right now
 * @param lastExit how the last run ended, if one did
 * @param automaticRestarts restarts after dhcpd died on its own
 * @param requestedRestarts restarts through {@code POST /restart}
 * @param crashLoops how often a crash loop began
 */
public record WatchdogStatus(
        DhcpdStatus dhcpd,
        Optional<String> runningHash,
        Optional<Instant> startedAt,
        boolean crashLoop,
        int consecutiveFailures,
        Duration backoff,
        boolean restartPending,
        boolean restarting,
        Optional<DhcpdExit> lastExit,
        long automaticRestarts,
        long requestedRestarts,
        long crashLoops) {

    public boolean running() {
        return dhcpd.phase() == DhcpdStatus.Phase.UP;
    }

    /** dhcpd runs, or the agent is bringing it back: what {@code /live} answers. */
    public boolean live() {
        return running() || restartPending || restarting;
    }
}
