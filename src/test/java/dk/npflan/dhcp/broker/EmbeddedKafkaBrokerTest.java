package dk.npflan.dhcp.broker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The broker {@code serve} starts by itself: it serves clients, and its data survives a restart.
 */
@Tag("slow")
class EmbeddedKafkaBrokerTest {

    @TempDir Path dataDir;

    @Test
    void recordWrittenBeforeRestart_isStillThereAfterRestart() throws Exception {
        int port = freePort();
        int controllerPort = freePort();
        try (EmbeddedKafkaBroker broker = new EmbeddedKafkaBroker(dataDir, port, controllerPort)) {
            broker.start();
            produce(broker.bootstrapServers(), "ipam.prefix:1", "first");
        }
        try (EmbeddedKafkaBroker again = new EmbeddedKafkaBroker(dataDir, port, controllerPort)) {
            again.start();
            produce(again.bootstrapServers(), "ipam.prefix:2", "second");
            assertThat(readAll(again.bootstrapServers())).containsExactly("first", "second");
        }
    }

    @Test
    void portInUse_failsWithAnActionableMessage() throws Exception {
        try (ServerSocket taken = new ServerSocket(0)) {
            EmbeddedKafkaBroker broker =
                    new EmbeddedKafkaBroker(dataDir, taken.getLocalPort(), freePort());
            assertThatThrownBy(broker::start)
                    .isInstanceOf(IOException.class)
                    .hasMessageContaining("is in use")
                    .hasMessageContaining("KAFKA_BOOTSTRAP_SERVERS");
        }
    }

    private static void produce(String bootstrap, String key, String value) throws Exception {
        try (KafkaProducer<String, String> producer =
                new KafkaProducer<>(
                        Map.of(
                                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
                                bootstrap,
                                ProducerConfig.ACKS_CONFIG,
                                "all"),
                        new StringSerializer(),
                        new StringSerializer())) {
            producer.send(new ProducerRecord<>("netbox.events", key, value)).get();
        }
    }

    private static List<String> readAll(String bootstrap) {
        try (KafkaConsumer<String, String> consumer =
                new KafkaConsumer<>(
                        Map.of(
                                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
                                bootstrap,
                                ConsumerConfig.GROUP_ID_CONFIG,
                                "embedded-broker-test"),
                        new StringDeserializer(),
                        new StringDeserializer())) {
            TopicPartition partition = new TopicPartition("netbox.events", 0);
            consumer.assign(List.of(partition));
            consumer.seekToBeginning(List.of(partition));
            List<String> values = new ArrayList<>();
            long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
            while (values.size() < 2 && System.nanoTime() < deadline) {
                for (ConsumerRecord<String, String> record :
                        consumer.poll(Duration.ofMillis(200))) {
                    values.add(record.value());
                }
            }
            return values;
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
