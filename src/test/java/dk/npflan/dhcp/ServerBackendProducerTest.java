package dk.npflan.dhcp;

import static org.assertj.core.api.Assertions.assertThat;

import dk.npflan.dhcp.backend.BackendSettings;
import dk.npflan.dhcp.backend.ServerBackend;
import dk.npflan.dhcp.config.DhcpdSettings;
import dk.npflan.dhcp.dhcpd.DhcpdProcessSettings;
import io.smallrye.config.SmallRyeConfig;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ServerBackendProducerTest {

    private static ServerBackend backend(Map<String, String> properties) {
        SmallRyeConfig config =
                CommandConfiguration.load(
                        properties,
                        BackendSettings.class,
                        DhcpdSettings.class,
                        DhcpdProcessSettings.class);
        return ServerBackendProducer.create(
                config.getConfigMapping(BackendSettings.class),
                config.getConfigMapping(DhcpdSettings.class),
                config.getConfigMapping(DhcpdProcessSettings.class));
    }

    @Test
    void noSetting_isTheDhcpdBackend() {
        ServerBackend backend = backend(Map.of());

        assertThat(backend.name()).isEqualTo("dhcpd");
        assertThat(backend.checkName()).isEqualTo("dhcpd -t");
    }

    @Test
    void settingIsReadAsTheOperatorWritesIt() {
        assertThat(backend(Map.of("netbox-dhcpd.backend", "dhcpd")).name()).isEqualTo("dhcpd");
        assertThat(backend(Map.of("netbox-dhcpd.backend", "DHCPD")).name()).isEqualTo("dhcpd");
    }
}
