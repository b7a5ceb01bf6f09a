package dk.npflan.dhcp.broker;

import io.quarkus.runtime.Quarkus;
import java.nio.file.Path;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * {@code netbox-dhcpd serve}: runs the service. When neither {@code KAFKA_BOOTSTRAP_SERVERS} nor
 * {@code kafka.bootstrap.servers} is set it first starts an {@link EmbeddedKafkaBroker} on
 * 127.0.0.1:9092 with its data under {@code NETBOX_DHCPD_DATA_DIR} (default {@code
 * ./.netbox-dhcpd}), so the first run needs nothing but a JDK.
 */
public final class ServeCommand {

    private ServeCommand() {}

    public static void run(String[] args) {
        EmbeddedKafkaBroker broker = null;
        if (isBlank(System.getenv("KAFKA_BOOTSTRAP_SERVERS"))
                && isBlank(System.getProperty("kafka.bootstrap.servers"))) {
            broker = startEmbeddedBroker();
        }
        try {
            Quarkus.run(args);
        } finally {
            if (broker != null) {
                broker.close();
            }
        }
    }

    private static EmbeddedKafkaBroker startEmbeddedBroker() {
        quietKafkaLogging();
        String dataRoot = System.getenv().getOrDefault("NETBOX_DHCPD_DATA_DIR", ".netbox-dhcpd");
        EmbeddedKafkaBroker broker =
                new EmbeddedKafkaBroker(Path.of(dataRoot, "kafka"), 9092, 9093);
        org.jboss.logging.Logger log = org.jboss.logging.Logger.getLogger(ServeCommand.class);
        try {
            broker.start();
        } catch (Exception e) {
            log.errorf("Could not start the embedded Kafka broker: %s", e.getMessage());
            System.exit(1);
        }
        System.setProperty("kafka.bootstrap.servers", broker.bootstrapServers());
        log.infof(
                "KAFKA_BOOTSTRAP_SERVERS is not set: started an embedded single-node Kafka broker on %s "
                        + "(data in %s). For production, set KAFKA_BOOTSTRAP_SERVERS to your Kafka cluster.",
                broker.bootstrapServers(), broker.dataDir());
        return broker;
    }

    /** Quarkus applies its log levels only once it boots; the broker starts before that. */
    private static void quietKafkaLogging() {
        for (String category : new String[] {"kafka", "org.apache.kafka", "state.change.logger"}) {
            Logger.getLogger(category).setLevel(Level.WARNING);
        }
    }

    private static boolean isBlank(String value) {
        return value == null || value.isBlank();
    }
}
