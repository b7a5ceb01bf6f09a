package dk.npflan.dhcp.rollout;

import dk.npflan.dhcp.TestClock;
import dk.npflan.dhcp.time.Sleeper;
import java.time.Duration;

/** A clock that only moves when the roller sleeps: minutes of deadlines in microseconds. */
final class ManualTime extends TestClock implements Sleeper {

    @Override
    public void sleep(Duration duration) {
        advance(duration);
    }
}
