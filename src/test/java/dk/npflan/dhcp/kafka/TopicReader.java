package dk.npflan.dhcp.kafka;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * Reads a single-partition topic from the test side with a plain Kafka consumer: its end offset,
 * and the records written after a given offset. Tests use it to prove what was (or was not)
 * produced.
 */
public final class TopicReader implements AutoCloseable {

    private final KafkaConsumer<String, String> consumer;
    private final TopicPartition partition;

    public TopicReader(String topic) {
        this(KafkaTestBroker.bootstrapServers(), topic);
    }

    /** A reader of {@code topic} on the broker at {@code bootstrapServers}. */
    public TopicReader(String bootstrapServers, String topic) {
        this.consumer =
                new KafkaConsumer<>(
                        Map.of(
                                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
                                bootstrapServers,
                                ConsumerConfig.GROUP_ID_CONFIG,
                                "test-reader-" + UUID.randomUUID(),
                                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG,
                                "false",
                                ConsumerConfig.ALLOW_AUTO_CREATE_TOPICS_CONFIG,
                                "true"),
                        new StringDeserializer(),
                        new StringDeserializer());
        this.partition = new TopicPartition(topic, 0);
        consumer.assign(List.of(partition));
    }

    public long endOffset() {
        return consumer.endOffsets(List.of(partition), Duration.ofSeconds(10))
                .getOrDefault(partition, 0L);
    }

    /** All records from {@code offset} up to the current end of the topic. */
    public List<ConsumerRecord<String, String>> readFrom(long offset) {
        long end = endOffset();
        consumer.seek(partition, offset);
        List<ConsumerRecord<String, String>> records = new ArrayList<>();
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (consumer.position(partition) < end && System.nanoTime() < deadline) {
            consumer.poll(Duration.ofMillis(200)).forEach(records::add);
        }
        return records;
    }

    @Override
    public void close() {
        consumer.close(Duration.ofSeconds(2));
    }
}
