package dk.npflan.dhcp.config;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The strict hand-written parsers decide what may reach dhcpd.conf, so their edges are pinned here.
 */
class Ipv4AddressTest {

    @ParameterizedTest
    @ValueSource(strings = {"0.0.0.0", "10.42.16.1", "255.255.255.255", "192.0.2.10"})
    void dottedQuad_roundTrips(String text) {
        assertThat(Ipv4Address.parse(text))
                .hasValueSatisfying(a -> assertThat(a.toString()).isEqualTo(text));
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "",
                "1.2.3",
                "1.2.3.4.5",
                "256.1.1.1",
                "01.2.3.4",
                "1.2.3.4 ",
                " 1.2.3.4",
                "1..3.4",
                "1.2.3.",
                ".1.2.3",
                "1.2.3.4;",
                "1.2.3.4\n",
                "a.b.c.d",
                "1.2.3.-4",
                "1.2.3.1000",
                "1.2.3.4/24",
                "١.٢.٣.٤"
            })
    void anythingElse_isRefused(String text) {
        assertThat(Ipv4Address.parse(text)).isEmpty();
    }

    @Test
    void null_isRefused() {
        assertThat(Ipv4Address.parse(null)).isEmpty();
        assertThat(Ipv4Network.parse(null)).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "10.42.16.1/24",
                "10.0.0.0/033",
                "10.0.0.0/33",
                "10.0.0.0/",
                "10.0.0.0",
                "10.0.0.0/2 4",
                "10.0.0.0/24;"
            })
    void networksWithHostBitsOrBadLengths_areRefused(String text) {
        assertThat(Ipv4Network.parse(text)).isEmpty();
    }

    @Test
    void network_knowsMaskBroadcastAndContainment() {
        Ipv4Network network = Ipv4Network.of("10.0.248.128/25");

        assertThat(network.netmask()).hasToString("255.255.255.128");
        assertThat(network.broadcast()).hasToString("10.0.248.255");
        assertThat(network.contains(Ipv4Address.of("10.0.248.200"))).isTrue();
        assertThat(network.contains(Ipv4Address.of("10.0.248.127"))).isFalse();
        assertThat(Ipv4Network.of("0.0.0.0/0").size()).isEqualTo(1L << 32);
        assertThat(Ipv4Network.of("10.0.0.0/23").overlaps(Ipv4Network.of("10.0.1.0/24"))).isTrue();
    }

    @Test
    void sanitizer_keepsOneHarmlessLineAndCapsLength() {
        assertThat(CommentSanitizer.sanitize("a}\n;\"include \"/etc/shadow\"\u2028b"))
                .isEqualTo("a????include ?/etc/shadow??b");
        assertThat(CommentSanitizer.sanitize("x".repeat(10_000)))
                .hasSize(CommentSanitizer.MAX_LENGTH + 3)
                .endsWith("...");
        assertThat(CommentSanitizer.sanitize("emoji 🎉")).isEqualTo("emoji ?");
    }

    @Test
    void wireBytesAndSocketAddress_roundTripWithoutResolving() throws Exception {
        Ipv4Address address = Ipv4Address.of("198.18.200.7");

        assertThat(address.toBytes()).containsExactly(198, 18, 200, 7);
        assertThat(Ipv4Address.fromBytes(new byte[] {(byte) 198, 18, (byte) 200, 7}))
                .isEqualTo(address);
        assertThat(address.toInet().getHostAddress()).isEqualTo("198.18.200.7");
        assertThat(Ipv4Address.fromInet(address.toInet())).isEqualTo(address);
        assertThat(Ipv4Address.ANY).hasToString("0.0.0.0");
    }

    @Test
    void networkArithmetic_hostAndContainingNetwork() {
        Ipv4Network lan = Ipv4Network.of("198.18.77.0/24");

        assertThat(lan.host(254)).isEqualTo(Ipv4Address.of("198.18.77.254"));
        assertThat(Ipv4Network.containing(Ipv4Address.of("10.99.0.17"), 28))
                .isEqualTo(Ipv4Network.of("10.99.0.16/28"));
        assertThat(Ipv4Network.containing(Ipv4Address.of("10.99.0.17"), 32).broadcast())
                .isEqualTo(Ipv4Address.of("10.99.0.17"));
    }
}
