package dk.npflan.dhcp.pipeline;

import dk.npflan.dhcp.kafka.KafkaTestBroker;
import java.util.Map;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;

/** Committed and end offsets of {@code netbox.events} partition 0, read with the admin API. */
final class GroupOffsets implements AutoCloseable {

    static final TopicPartition EVENTS = new TopicPartition("netbox.events", 0);

    private final Admin admin =
            Admin.create(
                    Map.of(
                            AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG,
                            KafkaTestBroker.bootstrapServers()));

    long end() throws Exception {
        return admin.listOffsets(Map.of(EVENTS, OffsetSpec.latest()))
                .partitionResult(EVENTS)
                .get()
                .offset();
    }

    /** The group's committed offset, -1 when it has committed none. */
    long committed(String group) throws Exception {
        OffsetAndMetadata offset =
                admin.listConsumerGroupOffsets(group)
                        .partitionsToOffsetAndMetadata()
                        .get()
                        .get(EVENTS);
        return offset == null ? -1 : offset.offset();
    }

    @Override
    public void close() {
        admin.close();
    }
}
