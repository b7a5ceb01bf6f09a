package dk.npflan.dhcp.command;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Consumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.common.errors.InterruptException;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * Reads the audit topic for {@code audit} with a plain {@link KafkaConsumer}, strictly read-only:
 * it assigns the topic's partitions itself (no consumer group, so it commits no offsets and joins
 * no rebalance) and never creates the topic. Every broker call has the deadline it was opened with,
 * so a broker that is not there is reported as {@link Unreachable} within that time instead of the
 * client retrying forever.
 */
final class AuditTopicReader implements AutoCloseable {

    /** Poll interval; also how soon a reader that follows notices an interrupt. */
    private static final Duration POLL = Duration.ofMillis(200);

    /** How often {@link #follow} looks whether a topic that does not exist yet was created. */
    private static final Duration TOPIC_RECHECK = Duration.ofSeconds(1);

    /** The broker did not answer within the deadline. */
    static final class Unreachable extends Exception {
        Unreachable(String message) {
            super(message);
        }
    }

    /** What {@link #readToEnd} found: whether the topic exists, and how many records it handed. */
    record Read(boolean topicExists, long records) {}

    private final KafkaConsumer<String, String> consumer;
    private final String bootstrapServers;
    private final String topic;
    private final Duration timeout;

    private AuditTopicReader(String bootstrapServers, String topic, Duration timeout) {
        this.bootstrapServers = bootstrapServers;
        this.topic = topic;
        this.timeout = timeout;
        int millis = (int) Math.min(Integer.MAX_VALUE, timeout.toMillis());
        Map<String, Object> config = new HashMap<>();
        config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        config.put(ConsumerConfig.CLIENT_ID_CONFIG, "netbox-dhcpd-audit-" + UUID.randomUUID());
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        config.put(ConsumerConfig.ALLOW_AUTO_CREATE_TOPICS_CONFIG, false);
        config.put(ConsumerConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, millis);
        config.put(ConsumerConfig.REQUEST_TIMEOUT_MS_CONFIG, millis);
        config.put(
                ConsumerConfig.SOCKET_CONNECTION_SETUP_TIMEOUT_MS_CONFIG, Math.min(millis, 5000));
        config.put(ConsumerConfig.RECONNECT_BACKOFF_MAX_MS_CONFIG, 1000);
        this.consumer =
                new KafkaConsumer<>(config, new StringDeserializer(), new StringDeserializer());
    }

    /**
     * A reader of {@code topic} on {@code bootstrapServers}.
     *
     * @throws IllegalArgumentException when {@code bootstrapServers} is not a list of host:port
     * @throws Unreachable when none of its hosts resolves
     */
    static AuditTopicReader open(String bootstrapServers, String topic, Duration timeout)
            throws Unreachable {
        try {
            return new AuditTopicReader(bootstrapServers, topic, timeout);
        } catch (KafkaException e) {
            Throwable cause = e;
            while (cause.getCause() != null && !(cause instanceof ConfigException)) {
                cause = cause.getCause();
            }
            if (cause instanceof ConfigException) {
                // the consumer wraps a malformed address: a usage error, not a broker problem
                throw new IllegalArgumentException(
                        "--bootstrap-servers " + bootstrapServers + ": " + cause.getMessage());
            }
            throw new Unreachable(
                    "cannot reach the Kafka broker at "
                            + bootstrapServers
                            + ": "
                            + cause.getMessage());
        }
    }

    /**
     * Hands {@code sink} every record up to the end offsets the topic has now (from its beginning
     * or only those after now), then says how many it handed.
     */
    Read readToEnd(boolean fromBeginning, Consumer<AuditEvent> sink) throws Unreachable {
        try {
            List<TopicPartition> partitions = partitions();
            if (partitions.isEmpty()) {
                return new Read(false, 0);
            }
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions, timeout);
            start(partitions, fromBeginning);
            long handed = 0;
            long lastProgress = System.nanoTime();
            while (!reached(end)) {
                long before = handed;
                for (ConsumerRecord<String, String> r : consumer.poll(POLL)) {
                    TopicPartition tp = new TopicPartition(r.topic(), r.partition());
                    if (r.offset() < end.getOrDefault(tp, 0L)) {
                        sink.accept(event(r));
                        handed++;
                    }
                }
                if (handed > before) {
                    lastProgress = System.nanoTime();
                } else if (System.nanoTime() - lastProgress > timeout.toNanos()) {
                    throw unreachable("read no record");
                }
            }
            return new Read(true, handed);
        } catch (TimeoutException e) {
            throw unreachable(e.getMessage());
        }
    }

    /**
     * Hands {@code sink} every record (from the beginning, or only those written from now on) until
     * this thread is interrupted (Ctrl-C); returns how many it handed. When the topic does not
     * exist yet, it waits for it, and then everything in it is new. {@code notes} hears when it
     * waits for the topic and when it is in place (every record from then on is handed).
     */
    long follow(boolean fromBeginning, Consumer<String> notes, Consumer<AuditEvent> sink)
            throws Unreachable {
        long handed = 0;
        try {
            List<TopicPartition> partitions = partitions();
            boolean fromStart = fromBeginning;
            if (partitions.isEmpty()) {
                notes.accept(
                        "topic "
                                + topic
                                + " does not exist on "
                                + bootstrapServers
                                + " yet;"
                                + " waiting for it");
            }
            while (partitions.isEmpty()) {
                Thread.sleep(TOPIC_RECHECK.toMillis());
                partitions = partitions();
                fromStart = true;
            }
            start(partitions, fromStart);
            notes.accept("following " + topic + " on " + bootstrapServers + " (Ctrl-C stops)");
            while (!Thread.currentThread().isInterrupted()) {
                for (ConsumerRecord<String, String> r : consumer.poll(POLL)) {
                    sink.accept(event(r));
                    handed++;
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (InterruptException e) {
            // poll() was interrupted (Ctrl-C) and has set the flag again: a normal end
        } catch (TimeoutException e) {
            throw unreachable(e.getMessage());
        }
        return handed;
    }

    private List<TopicPartition> partitions() {
        List<PartitionInfo> infos = consumer.partitionsFor(topic, timeout);
        return infos == null
                ? List.of()
                : infos.stream().map(p -> new TopicPartition(p.topic(), p.partition())).toList();
    }

    /** Assigns and positions; the positions are looked up now, so "from now" means now. */
    private void start(List<TopicPartition> partitions, boolean fromBeginning) {
        consumer.assign(partitions);
        if (fromBeginning) {
            consumer.seekToBeginning(partitions);
        } else {
            consumer.seekToEnd(partitions);
        }
        partitions.forEach(tp -> consumer.position(tp, timeout));
    }

    private boolean reached(Map<TopicPartition, Long> end) {
        for (Map.Entry<TopicPartition, Long> e : end.entrySet()) {
            if (consumer.position(e.getKey(), timeout) < e.getValue()) {
                return false;
            }
        }
        return true;
    }

    private static AuditEvent event(ConsumerRecord<String, String> r) {
        Map<String, String> headers = new LinkedHashMap<>();
        for (Header h : r.headers()) {
            headers.put(
                    h.key(),
                    h.value() == null ? "" : new String(h.value(), StandardCharsets.UTF_8));
        }
        return AuditEvent.of(r.key(), headers, r.value());
    }

    private Unreachable unreachable(String what) {
        return new Unreachable(
                "no answer from the Kafka broker at "
                        + bootstrapServers
                        + " within "
                        + timeout.toSeconds()
                        + " s ("
                        + what
                        + ")");
    }

    /** Closes the consumer; it has nothing to commit. */
    @Override
    public void close() {
        boolean interrupted = Thread.interrupted();
        try {
            consumer.close(Duration.ofSeconds(1));
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
