package dk.npflan.dhcp.dhcpd;

import static java.util.Map.entry;
import static org.assertj.core.api.Assertions.assertThat;

import dk.npflan.dhcp.omapi.FailoverCode;
import dk.npflan.dhcp.omapi.FailoverState;
import dk.npflan.dhcp.peer.HealthReading;
import dk.npflan.dhcp.peer.PeerHealth;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;

class FailoverHealthTest {

    /** What each dhcpd failover state means to the rollout, written out once more by hand. */
    private static final Map<FailoverState, PeerHealth> TABLE =
            Map.ofEntries(
                    entry(FailoverState.UNKNOWN_STATE, PeerHealth.UNKNOWN),
                    entry(FailoverState.STARTUP, PeerHealth.SYNCING),
                    entry(FailoverState.NORMAL, PeerHealth.NORMAL),
                    entry(FailoverState.COMMUNICATIONS_INTERRUPTED, PeerHealth.PARTNER_UNREACHABLE),
                    entry(FailoverState.PARTNER_DOWN, PeerHealth.SERVING_ALONE),
                    entry(FailoverState.POTENTIAL_CONFLICT, PeerHealth.SYNCING),
                    entry(FailoverState.RECOVER, PeerHealth.LEASE_STATE_LOST),
                    entry(FailoverState.PAUSED, PeerHealth.NOT_SERVING),
                    entry(FailoverState.SHUTDOWN, PeerHealth.NOT_SERVING),
                    entry(FailoverState.RECOVER_DONE, PeerHealth.SYNCING),
                    entry(FailoverState.RESOLUTION_INTERRUPTED, PeerHealth.SYNCING),
                    entry(FailoverState.CONFLICT_DONE, PeerHealth.SYNCING),
                    entry(FailoverState.RECOVER_WAIT, PeerHealth.LEASE_STATE_LOST),
                    entry(FailoverState.UNKNOWN, PeerHealth.UNKNOWN));

    @ParameterizedTest
    @EnumSource(FailoverState.class)
    void everyFailoverState_mapsToItsNeutralHealth(FailoverState state) {
        assertThat(TABLE).as("the table lists " + state).containsKey(state);
        assertThat(FailoverHealth.of(state)).isEqualTo(TABLE.get(state));
    }

    @ParameterizedTest
    @CsvSource({
        "2, NORMAL, normal",
        "3, PARTNER_UNREACHABLE, communications-interrupted",
        "254, LEASE_STATE_LOST, recover-wait",
        "0, UNKNOWN, unknown-state",
        "42, UNKNOWN, unknown(42)",
    })
    void omapiReading_keepsDhcpdsOwnWordAsRaw(int code, PeerHealth health, String raw) {
        assertThat(FailoverHealth.reading(new FailoverCode(code)))
                .isEqualTo(new HealthReading(health, raw));
    }
}
