package dk.npflan.dhcp.rollout.local;

import static org.assertj.core.api.Assertions.assertThat;

import dk.npflan.dhcp.rollout.local.LocalPairPrerequisites.Facts;
import java.util.Set;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

class LocalPairPrerequisitesTest {

    private static final Set<String> ALL = Set.of("ip", "dhcpd", "dhcrelay", "dhclient");

    @Test
    void rootWithEverything_missesNothing_andHasNoHint() {
        Facts facts = new Facts(0, ALL);

        assertThat(LocalPairPrerequisites.missing(facts)).isEmpty();
        assertThat(LocalPairPrerequisites.hints(facts)).isEmpty();
    }

    @Test
    void keaPair_needsKeaItsControlAgentAndUnshare_notDhcpd() {
        assertThat(
                        LocalPairPrerequisites.missing(
                                new Facts(0, Set.of("ip", "dhcpd", "dhcrelay")), PairServer.KEA))
                .containsExactly(
                        "no kea-dhcp4 on PATH (the Kea HA peers): apt-get install -y"
                                + " kea-dhcp4-server",
                        "no kea-ctrl-agent on PATH (the HTTP the Kea HA peers talk over):"
                                + " apt-get install -y kea-ctrl-agent",
                        "no unshare on PATH (each Kea peer's own /run/kea and /var/lib/kea):"
                                + " apt-get install -y util-linux");
        assertThat(
                        LocalPairPrerequisites.missing(
                                new Facts(
                                        0,
                                        Set.of(
                                                "ip",
                                                "kea-dhcp4",
                                                "kea-ctrl-agent",
                                                "unshare",
                                                "dhcrelay")),
                                PairServer.KEA))
                .isEmpty();
    }

    @Test
    void notRoot_saysSoWithTheUidAndHowToRun() {
        assertThat(LocalPairPrerequisites.missing(new Facts(1000, ALL)))
                .singleElement()
                .asString()
                .contains("not root (uid 1000)")
                .contains("sudo -E bin/netbox-dhcpd serve");
    }

    @Test
    void noCommands_eachNamedWithItsDebianPackage_inOrder() {
        assertThat(LocalPairPrerequisites.missing(new Facts(0, Set.of())))
                .containsExactly(
                        "no ip on PATH (the pair's network namespaces): apt-get install -y"
                                + " iproute2",
                        "no dhcpd on PATH (the failover peers): apt-get install -y"
                                + " isc-dhcp-server",
                        "no dhcrelay on PATH (the relay in front of nbd-client): apt-get install"
                                + " -y isc-dhcp-relay");
    }

    @Test
    void noDhclient_isAHintNotAMissingPrerequisite() {
        Facts facts = new Facts(0, Set.of("ip", "dhcpd", "dhcrelay"));

        assertThat(LocalPairPrerequisites.missing(facts)).isEmpty();
        assertThat(LocalPairPrerequisites.hints(facts))
                .containsExactly(
                        "no dhclient on PATH (to get a lease in nbd-client): apt-get install -y"
                                + " isc-dhcp-client");
    }

    @Test
    void onlyDhcrelayMissing_namesIscDhcpRelay() {
        assertThat(LocalPairPrerequisites.missing(new Facts(0, Set.of("ip", "dhcpd"))))
                .singleElement()
                .asString()
                .contains("dhcrelay")
                .contains("apt-get install -y isc-dhcp-relay");
    }

    @Test
    @Tag("netns")
    void thisMachine_isRootWithTheLabTools() {
        // the lab machine these tests run on: root, dhcpd 4.4.3, dhcrelay, dhclient
        Facts facts = Facts.ofThisMachine();

        assertThat(facts.uid()).isZero();
        assertThat(facts.onPath()).containsAll(ALL);
        assertThat(LocalPairPrerequisites.missing()).isEmpty();
    }
}
