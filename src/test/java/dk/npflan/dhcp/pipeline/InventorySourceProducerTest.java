package dk.npflan.dhcp.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dk.npflan.dhcp.CommandConfiguration;
import dk.npflan.dhcp.netbox.InventoryException;
import dk.npflan.dhcp.netbox.InventoryFileSource;
import dk.npflan.dhcp.netbox.InventoryProblem;
import dk.npflan.dhcp.netbox.InventorySource;
import dk.npflan.dhcp.netbox.NetBoxInventorySource;
import dk.npflan.dhcp.netbox.NetBoxSettings;
import io.smallrye.config.SmallRyeConfig;
import java.util.Map;
import org.junit.jupiter.api.Test;

class InventorySourceProducerTest {

    private static InventorySource sourceFor(Map<String, String> settings) {
        SmallRyeConfig config =
                CommandConfiguration.load(settings, NetBoxSettings.class, PipelineSettings.class);
        return new InventorySourceProducer()
                .inventorySource(
                        config.getConfigMapping(NetBoxSettings.class),
                        config.getConfigMapping(PipelineSettings.class));
    }

    @Test
    void netboxUrlSet_readsNetBox_evenWhenAFileIsSetToo() {
        InventorySource source =
                sourceFor(
                        Map.of(
                                "netbox-dhcpd.netbox.url", "http://127.0.0.1:1",
                                "netbox-dhcpd.netbox.token", "t0ken",
                                "netbox-dhcpd.pipeline.inventory-file", "/tmp/inventory.json"));
        assertThat(source).isInstanceOf(NetBoxInventorySource.class);
        assertThat(source.describe()).doesNotContain("t0ken");
    }

    @Test
    void noNetboxUrl_readsTheInventoryFile() {
        InventorySource source =
                sourceFor(Map.of("netbox-dhcpd.pipeline.inventory-file", "/tmp/inventory.json"));
        assertThat(source).isInstanceOf(InventoryFileSource.class);
        assertThat(source.describe()).contains("/tmp/inventory.json");
    }

    @Test
    void neither_failsEveryLoadSayingWhatToSet() {
        InventorySource source = sourceFor(Map.of());
        assertThatThrownBy(source::load)
                .isInstanceOfSatisfying(
                        InventoryException.class,
                        e -> assertThat(e.problem()).isEqualTo(InventoryProblem.MISCONFIGURED))
                .hasMessageContaining("NETBOX_URL")
                .hasMessageContaining("NETBOX_DHCPD_INVENTORY_FILE");
    }

    @Test
    void netboxUrlWithoutToken_failsEveryLoadAsMisconfigured() {
        InventorySource source = sourceFor(Map.of("netbox-dhcpd.netbox.url", "http://127.0.0.1:1"));
        assertThatThrownBy(source::load).hasMessageContaining("NETBOX_TOKEN");
    }
}
