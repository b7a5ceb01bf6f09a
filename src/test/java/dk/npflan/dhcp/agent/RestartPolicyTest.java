package dk.npflan.dhcp.agent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class RestartPolicyTest {

    private final RestartPolicy policy =
            new RestartPolicy(
                    Duration.ofSeconds(1), Duration.ofSeconds(30), 3, Duration.ofSeconds(60));

    @Test
    void delay_doublesPerQuickExit_cappedAtMax() {
        assertThat(policy.delayAfter(1)).isEqualTo(Duration.ofSeconds(1));
        assertThat(policy.delayAfter(2)).isEqualTo(Duration.ofSeconds(2));
        assertThat(policy.delayAfter(5)).isEqualTo(Duration.ofSeconds(16));
        assertThat(policy.delayAfter(6)).isEqualTo(Duration.ofSeconds(30));
        assertThat(policy.delayAfter(1000)).isEqualTo(Duration.ofSeconds(30));
    }

    @Test
    void quickExit_extendsTheSeries_stableRunStartsANewOne() {
        assertThat(policy.failuresAfterExit(0, Duration.ofMillis(50))).isEqualTo(1);
        assertThat(policy.failuresAfterExit(4, Duration.ofSeconds(59))).isEqualTo(5);
        assertThat(policy.failuresAfterExit(4, Duration.ofSeconds(60))).isEqualTo(1);
    }

    @Test
    void crashLoop_fromTheThreshold() {
        assertThat(policy.isCrashLoop(2)).isFalse();
        assertThat(policy.isCrashLoop(3)).isTrue();
    }

    @Test
    void maxBelowInitial_rejected() {
        assertThatThrownBy(
                        () ->
                                new RestartPolicy(
                                        Duration.ofSeconds(5),
                                        Duration.ofSeconds(1),
                                        3,
                                        Duration.ofSeconds(60)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("max");
    }
}
