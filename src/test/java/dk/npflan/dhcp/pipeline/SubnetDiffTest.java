package dk.npflan.dhcp.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import dk.npflan.dhcp.config.RenderedConfig;
import dk.npflan.dhcp.dhcpd.DhcpdBackend;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class SubnetDiffTest {

    private static final Set<String> SYNTHETIC = Set.of("192.0.2.0/24");

    /** Subnets as the dhcpd backend reads them out of a published dhcpd.conf. */
    private static Map<String, String> subnets(String config) {
        return new DhcpdBackend(null)
                .subnets(RenderedConfig.of(Map.of(RenderedConfig.CONFIG, config)));
    }

    private static SubnetDiff between(String published, String next) {
        return SubnetDiff.between(subnets(published), subnets(next), SYNTHETIC);
    }

    private static String subnet(String network, String mask, String comment, String body) {
        return "# "
                + comment
                + "\nsubnet "
                + network
                + " netmask "
                + mask
                + " {\n"
                + body
                + "}\n\n";
    }

    private static final String PROBE =
            subnet("192.0.2.0", "255.255.255.0", "probe subnet", "    default-lease-time 60;\n");

    @Test
    void addedRemovedAndChangedSubnets_areListedByPrefix_syntheticOnesLeftOut() {
        String published =
                "authoritative;\n\n"
                        + PROBE
                        + subnet(
                                "10.0.1.0",
                                "255.255.255.0",
                                "prefix 1",
                                "    option routers 10.0.1.1;\n")
                        + subnet("10.0.2.0", "255.255.255.0", "prefix 2", "")
                        + subnet("10.0.3.0", "255.255.255.128", "prefix 3", "");
        String next =
                "authoritative;\n\n"
                        + PROBE.replace("60", "120")
                        + subnet(
                                "10.0.1.0",
                                "255.255.255.0",
                                "prefix 1",
                                "    option routers 10.0.1.254;\n")
                        + subnet("10.0.3.0", "255.255.255.128", "prefix 3", "")
                        + subnet("10.0.4.0", "255.255.252.0", "prefix 4", "");

        SubnetDiff diff = between(published, next);

        assertThat(diff.added()).containsExactly("10.0.4.0/22");
        assertThat(diff.removed()).containsExactly("10.0.2.0/24");
        assertThat(diff.changed()).containsExactly("10.0.1.0/24");
        assertThat(diff.publishedSubnets()).isEqualTo(3);
        assertThat(diff.removedShare()).isEqualTo(1.0 / 3);
    }

    @Test
    void changedComment_countsAsAChange() {
        String a = subnet("10.0.1.0", "255.255.255.0", "prefix 1: old text", "");
        String b = subnet("10.0.1.0", "255.255.255.0", "prefix 1: new text", "");
        assertThat(between(a, b).changed()).containsExactly("10.0.1.0/24");
    }

    @Test
    void nothingPublished_everySubnetIsAdded_andNothingCountsAsRemoved() {
        String config = PROBE + subnet("10.0.1.0", "255.255.255.0", "prefix 1", "");
        SubnetDiff diff = SubnetDiff.fromNothing(subnets(config), SYNTHETIC);
        assertThat(diff.added()).containsExactly("10.0.1.0/24");
        assertThat(diff.removedShare()).isZero();
    }

    @Test
    void sameConfig_isAnEmptyDiff() {
        String config = PROBE + subnet("10.0.1.0", "255.255.255.0", "prefix 1", "");
        assertThat(between(config, config).isEmpty()).isTrue();
    }

    private static String host(long id, String mac, String address) {
        return "host nbd-ip-"
                + id
                + " { # ipam.ipaddress "
                + id
                + " in ipam.prefix 1\n    hardware ethernet "
                + mac
                + ";\n    fixed-address "
                + address
                + ";\n}\n";
    }

    private static SubnetDiff withReservations(String published, String next) {
        DhcpdBackend backend = new DhcpdBackend(null);
        RenderedConfig before = RenderedConfig.of(Map.of(RenderedConfig.CONFIG, published));
        RenderedConfig after = RenderedConfig.of(Map.of(RenderedConfig.CONFIG, next));
        return SubnetDiff.between(
                backend.subnets(before),
                backend.subnets(after),
                SYNTHETIC,
                ChangeSet.between(backend.reservations(before), backend.reservations(after)));
    }

    @Test
    void reservationsAddedRemovedAndChanged_areListedByName_andLeaveTheirSubnetUnchanged() {
        String subnets = PROBE + subnet("10.0.1.0", "255.255.255.0", "prefix 1", "");
        String published =
                subnets
                        + "\n"
                        + host(9001, "52:54:00:00:00:01", "10.0.1.20")
                        + host(9002, "52:54:00:00:00:02", "10.0.1.21")
                        + host(9003, "52:54:00:00:00:03", "10.0.1.22");
        String next =
                subnets
                        + "\n"
                        + host(9001, "52:54:00:00:00:01", "10.0.1.30")
                        + host(9003, "52:54:00:00:00:03", "10.0.1.22")
                        + host(9004, "52:54:00:00:00:04", "10.0.1.23");

        SubnetDiff diff = withReservations(published, next);

        assertThat(diff.added()).isEmpty();
        assertThat(diff.changed()).isEmpty();
        assertThat(diff.reservations().added()).containsExactly("nbd-ip-9004");
        assertThat(diff.reservations().removed()).containsExactly("nbd-ip-9002");
        assertThat(diff.reservations().changed()).containsExactly("nbd-ip-9001");
        assertThat(diff.reservations().published()).isEqualTo(3);
        assertThat(diff.isEmpty()).isFalse();
    }
}
