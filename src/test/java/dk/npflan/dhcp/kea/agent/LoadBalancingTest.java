package dk.npflan.dhcp.kea.agent;

import static org.assertj.core.api.Assertions.assertThat;

import dk.npflan.dhcp.config.Ipv4Address;
import dk.npflan.dhcp.config.PeerRole;
import dk.npflan.dhcp.probe.ProbeParameters;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class LoadBalancingTest {

    private static final Ipv4Address PRIMARY = Ipv4Address.of("198.18.102.1");
    private static final Ipv4Address SECONDARY = Ipv4Address.of("198.18.102.2");

    @Test
    void theUsualProbeMacsOfTheLabPair_bothHashToTheSecondary_asTheRealPairAnsweredThem() {
        // Kea 2.2 in load-balancing (KeaLoadBalancingRolloutTest, before the fix): the
        // secondary got a DHCPACK for its probe, the primary no DHCPOFFER for its own
        assertThat(LoadBalancing.server(ProbeParameters.macFor(PRIMARY)))
                .isEqualTo(PeerRole.SECONDARY);
        assertThat(LoadBalancing.server(ProbeParameters.macFor(SECONDARY)))
                .isEqualTo(PeerRole.SECONDARY);
    }

    @Test
    void probeMac_hashesToItsRole_keepsTheServersAddress_locallyAdministeredUnicast() {
        for (PeerRole role : PeerRole.values()) {
            for (Ipv4Address server : new Ipv4Address[] {PRIMARY, SECONDARY}) {
                byte[] mac = LoadBalancing.probeMac(server, role);
                byte[] usual = ProbeParameters.macFor(server);
                assertThat(LoadBalancing.server(mac)).isEqualTo(role);
                assertThat(Arrays.copyOfRange(mac, 1, 6))
                        .isEqualTo(Arrays.copyOfRange(usual, 1, 6));
                assertThat(mac[0] & 0x03).as("locally administered, unicast").isEqualTo(0x02);
                assertThat(LoadBalancing.probeMac(server, role)).as("fixed").isEqualTo(mac);
            }
        }
        assertThat(LoadBalancing.probeMac(SECONDARY, PeerRole.SECONDARY))
                .as("a MAC already in its half stays as it was")
                .isEqualTo(ProbeParameters.macFor(SECONDARY));
    }

    @Test
    void hash_isRfc3074sPearsonHash_seededWithTheLength() {
        // by hand from the table: length 1 seeds 1, 1 ^ 0 = 1, table[1] = 175
        assertThat(LoadBalancing.hash(new byte[] {0})).isEqualTo(175);
        // empty key: the seed 0 is the hash
        assertThat(LoadBalancing.hash(new byte[0])).isZero();
        // two octets, the last first: 2 ^ 1 = 3 → table[3] = 215; 215 ^ 0 = 215 → table[215] = 120
        assertThat(LoadBalancing.hash(new byte[] {0, 1})).isEqualTo(120);
    }
}
