package dk.npflan.dhcp.command;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.nio.file.Path;

/**
 * The embedded run ({@code serve} without {@code KAFKA_BOOTSTRAP_SERVERS}): where it keeps what it
 * makes on first run. The broker's data directory is {@code netbox-dhcpd.broker.data-dir}.
 */
@ConfigMapping(prefix = "netbox-dhcpd.embedded")
public interface EmbeddedSettings {

    /**
     * Where the sample inventory is copied on first run ({@code inventory.json}) when neither
     * {@code NETBOX_URL} nor {@code NETBOX_DHCPD_INVENTORY_FILE} is set.
     */
    @WithDefault(".netbox-dhcpd")
    Path dataDir();
}
