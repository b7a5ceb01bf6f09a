package dk.npflan.dhcp;

import static org.assertj.core.api.Assertions.assertThat;

import dk.npflan.dhcp.backend.BackendSettings;
import dk.npflan.dhcp.backend.ServerBackend;
import dk.npflan.dhcp.config.DhcpdSettings;
import dk.npflan.dhcp.dhcpd.DhcpdProcessSettings;
import dk.npflan.dhcp.kea.KeaSettings;
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
                        DhcpdProcessSettings.class,
                        KeaSettings.class);
        return ServerBackendProducer.create(
                config.getConfigMapping(BackendSettings.class),
                config.getConfigMapping(DhcpdSettings.class),
                config.getConfigMapping(DhcpdProcessSettings.class),
                config.getConfigMapping(KeaSettings.class));
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

    @Test
    void kea_isTheKeaBackend_withItsOwnFilesAndCheck() {
        ServerBackend backend = backend(Map.of("netbox-dhcpd.backend", "kea"));

        assertThat(backend.name()).isEqualTo("kea");
        assertThat(backend.checkName()).isEqualTo("kea-dhcp4 -t");
        assertThat(backend.fileNames())
                .containsExactly("kea-dhcp4.primary.json", "kea-dhcp4.secondary.json");
    }
}
