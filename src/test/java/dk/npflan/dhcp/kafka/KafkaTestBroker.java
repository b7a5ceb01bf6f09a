package dk.npflan.dhcp.kafka;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.time.Duration;
import java.util.Map;
import java.util.function.Consumer;
import org.apache.kafka.common.test.KafkaClusterTestKit;
import org.apache.kafka.common.test.TestKitNodes;

/**
 * One real in-JVM KRaft broker (Kafka's test kit) for the whole test JVM. Quarkus stops and starts
 * test resources whenever the next test class needs a different set, so the broker is started once,
 * its address kept in a system property (a fresh class loader may load this class again), {@link
 * #stop()} is a no-op and a shutdown hook closes it. {@link #stopBroker()} / {@link #startBroker()}
 * take the broker down and up on the same port for outage tests.
 */
public class KafkaTestBroker implements QuarkusTestResourceLifecycleManager {

    private static final String BOOTSTRAP_PROPERTY = "netbox-dhcpd.test.kafka.bootstrap";
    private static final String CONTROL_PROPERTY = "netbox-dhcpd.test.kafka.control";

    @Override
    public Map<String, String> start() {
        return Map.of("kafka.bootstrap.servers", bootstrapServers());
    }

    @Override
    public void stop() {
        // the broker outlives application restarts; see the class comment
    }

    public static synchronized String bootstrapServers() {
        String bootstrap = System.getProperty(BOOTSTRAP_PROPERTY);
        if (bootstrap == null) {
            bootstrap = startCluster();
            System.setProperty(BOOTSTRAP_PROPERTY, bootstrap);
        }
        return bootstrap;
    }

    /**
     * Shuts the broker down; its port stays reserved, so {@link #startBroker()} brings it back at
     * the same address.
     */
    public static void stopBroker() {
        control().accept("stop");
    }

    public static void startBroker() {
        control().accept("start");
    }

    @SuppressWarnings("unchecked")
    private static Consumer<String> control() {
        bootstrapServers();
        return (Consumer<String>) System.getProperties().get(CONTROL_PROPERTY);
    }

    /**
     * The JVM is exiting anyway; a controlled broker shutdown that drags on (a loaded machine) must
     * not hold the test JVM past surefire's exit timeout, which would fail a green build.
     */
    private static void closeWithin(KafkaClusterTestKit cluster, Duration limit) {
        Thread closer =
                new Thread(
                        () -> {
                            try {
                                cluster.close();
                            } catch (Exception ignored) {
                                // the JVM is going away
                            }
                        },
                        "kafka-test-broker-close");
        closer.setDaemon(true);
        closer.start();
        try {
            closer.join(limit.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static String startCluster() {
        try {
            KafkaClusterTestKit cluster =
                    new KafkaClusterTestKit.Builder(
                                    new TestKitNodes.Builder()
                                            .setCombined(true)
                                            .setNumBrokerNodes(1)
                                            .setNumControllerNodes(1)
                                            .build())
                            .setConfigProp("auto.create.topics.enable", "true")
                            .setConfigProp("num.partitions", "1")
                            .setConfigProp("offsets.topic.replication.factor", "1")
                            .setConfigProp("offsets.topic.num.partitions", "1")
                            .setConfigProp("transaction.state.log.replication.factor", "1")
                            .setConfigProp("transaction.state.log.min.isr", "1")
                            .setConfigProp("group.initial.rebalance.delay.ms", "0")
                            .build();
            cluster.format();
            cluster.startup();
            cluster.waitForReadyBrokers();
            Runtime.getRuntime()
                    .addShutdownHook(
                            new Thread(
                                    () -> closeWithin(cluster, Duration.ofSeconds(10)),
                                    "kafka-test-broker-shutdown"));
            Consumer<String> control =
                    command -> {
                        var broker = cluster.brokers().values().iterator().next();
                        if (command.equals("stop")) {
                            broker.shutdown();
                        } else {
                            // the broker loads plugins (share-state persister) through the context
                            // class loader: use the one that loaded the broker, not the current
                            // app's
                            Thread thread = Thread.currentThread();
                            ClassLoader previous = thread.getContextClassLoader();
                            thread.setContextClassLoader(broker.getClass().getClassLoader());
                            try {
                                broker.startup();
                                cluster.waitForReadyBrokers();
                            } catch (Exception e) {
                                throw new IllegalStateException("test broker did not come back", e);
                            } finally {
                                thread.setContextClassLoader(previous);
                            }
                        }
                    };
            System.getProperties().put(CONTROL_PROPERTY, control);
            return cluster.bootstrapServers();
        } catch (Exception e) {
            throw new IllegalStateException("could not start the in-JVM Kafka test broker", e);
        }
    }
}
