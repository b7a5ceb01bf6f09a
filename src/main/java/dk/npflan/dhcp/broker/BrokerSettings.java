package dk.npflan.dhcp.broker;

import dk.npflan.dhcp.settings.PortConverter;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithConverter;
import io.smallrye.config.WithDefault;
import java.nio.file.Path;

/**
 * Where {@code serve}'s embedded Kafka broker listens and keeps its data (used only when {@code
 * KAFKA_BOOTSTRAP_SERVERS} is unset). Both ports are bound on 127.0.0.1 only.
 */
@ConfigMapping(prefix = "netbox-dhcpd.broker")
public interface BrokerSettings {

    /** Client listener; {@code kafka.bootstrap.servers} becomes 127.0.0.1:this. */
    @WithDefault("9092")
    @WithConverter(PortConverter.class)
    int port();

    /** KRaft controller listener. */
    @WithDefault("9093")
    @WithConverter(PortConverter.class)
    int controllerPort();

    /** Data directory, formatted on first use and kept across restarts. */
    @WithDefault(".netbox-dhcpd/kafka")
    Path dataDir();
}
