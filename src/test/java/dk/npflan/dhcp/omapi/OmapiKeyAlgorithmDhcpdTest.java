package dk.npflan.dhcp.omapi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.time.Duration;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Every key algorithm we accept authenticates against a real dhcpd configured with it. */
@Tag("netns")
@Tag("slow")
class OmapiKeyAlgorithmDhcpdTest {

    @ParameterizedTest
    @EnumSource(OmapiKeyAlgorithm.class)
    void dhcpdKeyWithAlgorithm_authenticatesAndReadsState(OmapiKeyAlgorithm algorithm) {
        assertTimeoutPreemptively(
                Duration.ofSeconds(30),
                () -> {
                    try (LoneDhcpdPeer dhcpd = LoneDhcpdPeer.start(algorithm);
                            OmapiClient client = dhcpd.connect()) {
                        assertThat(dhcpd.key().algorithm()).isEqualTo(algorithm);
                        assertThat(client.failoverState(LoneDhcpdPeer.PEER).local().state())
                                .isEqualTo(FailoverState.STARTUP);
                    }
                });
    }
}
