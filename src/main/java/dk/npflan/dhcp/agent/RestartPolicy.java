package dk.npflan.dhcp.agent;

import java.time.Duration;

/**
 * When the agent restarts a dhcpd that died on its own, and when that counts as a crash loop. Pure:
 * it maps "how many quick exits in a row" to a delay and a verdict, so the schedule is unit-tested
 * without processes. A dhcpd that ran at least {@code stableAfter} before it died starts a new
 * series (its exit is the first failure), so one crash a day never backs off to the maximum.
 *
 * @param initial delay before the first restart
 * @param max upper bound of the doubling delay
 * @param crashLoopThreshold consecutive quick exits from which a crash loop is reported
 * @param stableAfter a run at least this long resets the series
 */
public record RestartPolicy(
        Duration initial, Duration max, int crashLoopThreshold, Duration stableAfter) {

    public RestartPolicy {
        if (initial.isNegative() || initial.isZero()) {
            throw new IllegalArgumentException("restart backoff initial must be positive");
        }
        if (max.compareTo(initial) < 0) {
            throw new IllegalArgumentException("restart backoff max must be at least initial");
        }
        if (crashLoopThreshold < 1) {
            throw new IllegalArgumentException("crash-loop threshold must be at least 1");
        }
        if (stableAfter.isNegative() || stableAfter.isZero()) {
            throw new IllegalArgumentException("stable-after must be positive");
        }
    }

    public static RestartPolicy from(AgentSettings.RestartBackoff settings) {
        return new RestartPolicy(
                settings.initial(),
                settings.max(),
                settings.crashLoopThreshold(),
                settings.stableAfter());
    }

    /**
     * The length of the series of quick exits after dhcpd died having run for {@code ranFor}, given
     * {@code failuresBefore} quick exits before this run.
     */
    public int failuresAfterExit(int failuresBefore, Duration ranFor) {
        return ranFor.compareTo(stableAfter) >= 0 ? 1 : failuresBefore + 1;
    }

    /** Delay before the restart that follows the {@code failures}-th exit in a row (1-based). */
    public Duration delayAfter(int failures) {
        Duration delay = initial;
        for (int i = 1; i < failures && delay.compareTo(max) < 0; i++) {
            delay = delay.multipliedBy(2);
        }
        return delay.compareTo(max) > 0 ? max : delay;
    }

    /** Whether {@code failures} quick exits in a row are a crash loop. */
    public boolean isCrashLoop(int failures) {
        return failures >= crashLoopThreshold;
    }
}
