package dk.npflan.dhcp.rollout;

import java.time.Duration;

/** Settings for fast tests; the deadlines are real-sized, only the clock is fake. */
record TestSettings(
        Duration propagationDeadline,
        Duration restartDeadline,
        Duration gateStableFor,
        Duration pollInterval,
        Duration lockWait,
        int historySize)
        implements RolloutSettings {

    @Override
    public Target target() {
        return Target.NONE;
    }

    @Override
    public Duration rePairInterval() {
        return Duration.ofSeconds(30);
    }

    static TestSettings standard() {
        return new TestSettings(
                Duration.ofMinutes(3),
                Duration.ofMinutes(2),
                Duration.ofSeconds(3),
                Duration.ofSeconds(1),
                Duration.ofMillis(100),
                5);
    }
}
