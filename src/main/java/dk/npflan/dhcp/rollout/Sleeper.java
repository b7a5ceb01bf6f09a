package dk.npflan.dhcp.rollout;

import java.time.Duration;

/**
 * Waiting between polls, injectable together with the {@link java.time.Clock} so that tests run a
 * two-minute deadline in microseconds.
 */
@FunctionalInterface
public interface Sleeper {

    /** The real thing. */
    Sleeper THREAD = duration -> Thread.sleep(duration.toMillis());

    void sleep(Duration duration) throws InterruptedException;
}
