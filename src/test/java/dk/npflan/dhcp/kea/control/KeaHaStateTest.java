package dk.npflan.dhcp.kea.control;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Arrays;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Every HA hook state's name and what it means for serving (the Kea ARM's state table). */
class KeaHaStateTest {

    @ParameterizedTest(name = "{0} → {1}")
    @CsvSource({
        "hot-standby, HOT_STANDBY, NORMAL",
        "load-balancing, LOAD_BALANCING, NORMAL",
        "passive-backup, PASSIVE_BACKUP, NORMAL",
        "backup, BACKUP, NORMAL",
        "syncing, SYNCING, SYNCING",
        "ready, READY, SYNCING",
        "partner-down, PARTNER_DOWN, SERVING_ALONE",
        "partner-in-maintenance, PARTNER_IN_MAINTENANCE, SERVING_ALONE",
        "communication-recovery, COMMUNICATION_RECOVERY, SERVING_ALONE",
        "terminated, TERMINATED, SERVING_ALONE",
        "waiting, WAITING, NOT_SERVING",
        "in-maintenance, IN_MAINTENANCE, NOT_SERVING",
        "unavailable, UNAVAILABLE, UNKNOWN",
    })
    void kea22StateName_mapsToItsStateAndHealth(String raw, KeaHaState state, Health health) {
        assertThat(KeaHaState.of(raw)).contains(state);
        assertThat(state.raw()).isEqualTo(raw);
        assertThat(state.health()).isEqualTo(health);
    }

    @Test
    void everyStateButTheUnrecognisedOne_isInTheTable() {
        Map<Health, Long> byHealth =
                Arrays.stream(KeaHaState.values())
                        .filter(s -> s != KeaHaState.UNRECOGNISED)
                        .collect(Collectors.groupingBy(KeaHaState::health, Collectors.counting()));
        // 13 names in Kea 2.2's stateToString, all covered above
        assertThat(byHealth.values().stream().mapToLong(Long::longValue).sum()).isEqualTo(13);
    }

    @Test
    void unknownName_isUnrecognisedAndUnknown_neverAnError() throws Exception {
        assertThat(KeaHaState.of("split-brain")).isEmpty();
        assertThat(KeaHaState.of("")).as("UNRECOGNISED's empty name is not parseable").isEmpty();
        record Holder(KeaHaState state) {}
        Holder bound = new ObjectMapper().readValue("{\"state\":\"split-brain\"}", Holder.class);
        assertThat(bound.state()).isEqualTo(KeaHaState.UNRECOGNISED);
        assertThat(bound.state().health()).isEqualTo(Health.UNKNOWN);
    }

    @Test
    void stateInAnAnswer_bindsByKeaName() throws Exception {
        record Holder(KeaHaState state) {}
        assertThat(
                        new ObjectMapper()
                                .readValue("{\"state\":\"partner-in-maintenance\"}", Holder.class)
                                .state())
                .isEqualTo(KeaHaState.PARTNER_IN_MAINTENANCE);
    }
}
