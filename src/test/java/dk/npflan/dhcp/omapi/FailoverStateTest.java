package dk.npflan.dhcp.omapi;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class FailoverStateTest {

    @ParameterizedTest
    @CsvSource({
        "0, UNKNOWN_STATE, unknown-state",
        "1, STARTUP, startup",
        "2, NORMAL, normal",
        "3, COMMUNICATIONS_INTERRUPTED, communications-interrupted",
        "4, PARTNER_DOWN, partner-down",
        "5, POTENTIAL_CONFLICT, potential-conflict",
        "6, RECOVER, recover",
        "7, PAUSED, paused",
        "8, SHUTDOWN, shutdown",
        "9, RECOVER_DONE, recover-done",
        "10, RESOLUTION_INTERRUPTED, resolution-interrupted",
        "11, CONFLICT_DONE, conflict-done",
        "254, RECOVER_WAIT, recover-wait",
        "12, UNKNOWN, unknown(12)",
        "255, UNKNOWN, unknown(255)",
        "-1, UNKNOWN, unknown(-1)",
    })
    void omapiCode_mapsToDhcpdState(int code, FailoverState state, String label) {
        FailoverCode peer = new FailoverCode(code);
        assertThat(peer.state()).isEqualTo(state);
        assertThat(peer.label()).isEqualTo(label);
        assertThat(peer.isNormal()).isEqualTo(code == 2);
    }
}
