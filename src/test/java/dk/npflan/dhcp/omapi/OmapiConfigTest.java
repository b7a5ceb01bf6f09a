package dk.npflan.dhcp.omapi;

import static org.assertj.core.api.Assertions.assertThat;

import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfig;
import io.smallrye.config.SmallRyeConfigBuilder;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class OmapiConfigTest {

    @Test
    void nothingSet_givesDhcpdPortAndDefaultTimeouts_andNoKey() {
        OmapiConfig config = build(Map.of());
        assertThat(config.port()).isEqualTo(7911);
        assertThat(config.keyFile()).isEmpty();
        assertThat(config.omapiTimeouts()).isEqualTo(OmapiTimeouts.DEFAULT);
    }

    @Test
    void overrides_areTyped() {
        OmapiConfig config =
                build(
                        Map.of(
                                "netbox-dhcpd.omapi.port", "7912",
                                "netbox-dhcpd.omapi.key-file", "/run/secrets/omapi/omapi.key",
                                "netbox-dhcpd.omapi.timeouts.exchange", "PT0.5S"));
        assertThat(config.port()).isEqualTo(7912);
        assertThat(config.keyFile()).contains(Path.of("/run/secrets/omapi/omapi.key"));
        assertThat(config.omapiTimeouts().exchange()).isEqualTo(Duration.ofMillis(500));
    }

    private static OmapiConfig build(Map<String, String> properties) {
        SmallRyeConfig config =
                new SmallRyeConfigBuilder()
                        .withSources(new PropertiesConfigSource(properties, "test", 500))
                        .withMapping(OmapiConfig.class)
                        .build();
        return config.getConfigMapping(OmapiConfig.class);
    }
}
