package dk.npflan.dhcp.kea.agent;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dk.npflan.dhcp.kea.control.KeaHaState;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** Which scopes a takeover moves, read from the HA hook's parameters of the config applied. */
class HaRelationshipTest {

    private static JsonNode dhcp4(String mode, String thisServer, String roleTwo) throws Exception {
        return new ObjectMapper()
                .readTree(
                        """
                        {"hooks-libraries": [
                          {"library": "/usr/lib/kea/hooks/libdhcp_lease_cmds.so"},
                          {"library": "/usr/lib/kea/hooks/libdhcp_ha.so", "parameters": {
                            "high-availability": [{"this-server-name": "%s", "mode": "%s",
                              "heartbeat-delay": 1000,
                              "peers": [
                                {"name": "one", "url": "http://10.0.0.1:8000/", "role": "primary"},
                                {"name": "two", "url": "http://10.0.0.2:8000/", "role": "%s"}]}]}}]}
                        """
                                .formatted(thisServer, mode, roleTwo));
    }

    @Test
    void hotStandbyPrimary_servesItsScope_theStandbyTakesItAndGivesItBack() throws Exception {
        HaRelationship ha = HaRelationship.of(dhcp4("hot-standby", "one", "standby")).orElseThrow();

        assertThat(ha.servesScope()).isTrue();
        assertThat(ha.partner().url().toString()).isEqualTo("http://10.0.0.2:8000/");
        assertThat(ha.takeoverScopes()).containsExactly("one");
        assertThat(ha.partnerOwnScopes()).isEmpty();
        assertThat(ha.normalState()).isEqualTo(KeaHaState.HOT_STANDBY);
        assertThat(ha.heartbeatDelay()).isEqualTo(Duration.ofSeconds(1));
    }

    @Test
    void hotStandbyStandby_servesNoScope_noTakeover() throws Exception {
        HaRelationship ha = HaRelationship.of(dhcp4("hot-standby", "two", "standby")).orElseThrow();

        assertThat(ha.servesScope()).isFalse();
        assertThat(ha.partnerOwnScopes()).containsExactly("one");
    }

    @Test
    void loadBalancing_eitherPeerServes_thePartnerTakesBothScopesAndKeepsItsOwn() throws Exception {
        HaRelationship ha =
                HaRelationship.of(dhcp4("load-balancing", "two", "secondary")).orElseThrow();

        assertThat(ha.servesScope()).isTrue();
        assertThat(ha.takeoverScopes()).containsExactlyInAnyOrder("one", "two");
        assertThat(ha.partnerOwnScopes()).containsExactly("one");
        assertThat(ha.normalState()).isEqualTo(KeaHaState.LOAD_BALANCING);
    }

    @Test
    void thisServerNotAmongThePeers_orNoHaHook_isNoRelationship() throws Exception {
        assertThat(HaRelationship.of(dhcp4("hot-standby", "nobody", "standby"))).isEmpty();
        assertThat(HaRelationship.of(new ObjectMapper().readTree("{\"subnet4\": []}"))).isEmpty();
    }
}
