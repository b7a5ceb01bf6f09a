package dk.npflan.dhcp.time;

import java.time.Duration;

/**
 * Waiting between polls and retries, injectable together with the {@link java.time.Clock} so that
 * tests run a two-minute deadline (or a NetBox back-off) in microseconds. The one sleeper of the
 * codebase: the roller's waits and the NetBox client's retries use it.
 */
@FunctionalInterface
public interface Sleeper {

    /** The real thing. */
    Sleeper THREAD = duration -> Thread.sleep(duration.toMillis());

    void sleep(Duration duration) throws InterruptedException;
}
