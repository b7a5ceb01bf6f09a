package dk.npflan.dhcp.agent;

import static org.assertj.core.api.Assertions.assertThat;

import dk.npflan.dhcp.config.Ipv4Address;
import dk.npflan.dhcp.config.PeerRole;
import dk.npflan.dhcp.config.RenderedConfig;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The partner address as dhcpd holds it: resolved at start, kept an hour, failures retried. */
class PartnerAddressCacheTest {

    private final Map<String, String> dns = new HashMap<>();
    private Instant now = Instant.parse("2026-12-01T08:00:00Z");
    private int lookups;

    private final PartnerAddressCache cache =
            new PartnerAddressCache(
                    PeerRole.PRIMARY,
                    host -> {
                        lookups++;
                        String address = dns.get(host);
                        if (address == null) {
                            throw new IOException(host + " does not resolve");
                        }
                        return Ipv4Address.of(address);
                    },
                    new Clock() {
                        @Override
                        public java.time.ZoneId getZone() {
                            return ZoneOffset.UTC;
                        }

                        @Override
                        public Clock withZone(java.time.ZoneId zone) {
                            return this;
                        }

                        @Override
                        public Instant instant() {
                            return now;
                        }
                    });

    private static RenderedConfig bundle() {
        Map<String, String> files = new LinkedHashMap<>();
        files.put(RenderedConfig.CONFIG, "subnet 10.1.0.0 netmask 255.255.255.0 {}\n");
        files.put(
                PeerRole.PRIMARY.fileName(),
                "failover peer \"p\" {\n  primary;\n  address primary.pair.test;\n  port 647;\n"
                        + "  peer address secondary.pair.test;\n  peer port 647;\n}\n");
        files.put(
                PeerRole.SECONDARY.fileName(),
                "failover peer \"p\" {\n  secondary;\n  peer address primary.pair.test;\n}\n");
        return RenderedConfig.of(files);
    }

    @Test
    void atStart_resolvesThePeerAddressOfItsOwnRole() {
        dns.put("secondary.pair.test", "198.18.92.2");

        cache.started(bundle());

        PartnerAddress held = cache.current().orElseThrow();
        assertThat(held.configured()).isEqualTo("secondary.pair.test");
        assertThat(held.resolved()).hasValue(Ipv4Address.of("198.18.92.2"));
        assertThat(held.at()).isEqualTo(now);
    }

    @Test
    void partnerMovedWithinTheHour_stillHoldsTheOldAddress_untilDhcpdStartsAgain() {
        dns.put("secondary.pair.test", "198.18.92.2");
        cache.started(bundle());
        dns.put("secondary.pair.test", "198.18.92.12");
        now = now.plus(Duration.ofMinutes(59));

        assertThat(cache.current().orElseThrow().resolved())
                .hasValue(Ipv4Address.of("198.18.92.2"));

        cache.started(bundle());
        assertThat(cache.current().orElseThrow().resolved())
                .hasValue(Ipv4Address.of("198.18.92.12"));
    }

    @Test
    void afterAnHour_resolvesAgain_asDhcpdsCacheExpires() {
        dns.put("secondary.pair.test", "198.18.92.2");
        cache.started(bundle());
        dns.put("secondary.pair.test", "198.18.92.12");
        now = now.plus(Duration.ofSeconds(3600));

        assertThat(cache.current().orElseThrow().resolved())
                .hasValue(Ipv4Address.of("198.18.92.12"));
    }

    @Test
    void failedLookup_isTriedAgainAfterAMinute_notOnEveryRead() {
        cache.started(bundle());
        PartnerAddress failed = cache.current().orElseThrow();
        assertThat(failed.resolved()).isEmpty();
        assertThat(failed.error()).hasValue("secondary.pair.test does not resolve");
        dns.put("secondary.pair.test", "198.18.92.2");
        now = now.plusSeconds(30);
        assertThat(cache.current().orElseThrow().resolved()).isEmpty();
        assertThat(lookups).isEqualTo(1);

        now = now.plusSeconds(30);
        assertThat(cache.current().orElseThrow().resolved())
                .hasValue(Ipv4Address.of("198.18.92.2"));
    }

    @Test
    void beforeAnyStart_nothingHeld() {
        assertThat(cache.current()).isEmpty();
    }

    @Test
    void getent_aDottedQuadIsItself_andAnUnknownNameSaysSo() throws IOException {
        HostResolver getent = HostResolver.getent(Duration.ofSeconds(2));

        assertThat(getent.resolve("198.18.92.2")).isEqualTo(Ipv4Address.of("198.18.92.2"));
        assertThat(getent.resolve("localhost")).isEqualTo(Ipv4Address.of("127.0.0.1"));
        org.assertj.core.api.Assertions.assertThatThrownBy(
                        () -> getent.resolve("no-such-host.invalid"))
                .isInstanceOf(IOException.class)
                .hasMessageContaining("no-such-host.invalid");
    }
}
