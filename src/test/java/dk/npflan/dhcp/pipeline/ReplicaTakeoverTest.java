package dk.npflan.dhcp.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dk.npflan.dhcp.kafka.KafkaTestBroker;
import dk.npflan.dhcp.netbox.FakeNetBox;
import dk.npflan.dhcp.netbox.NetBoxObjects;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.smallrye.reactive.messaging.kafka.KafkaClientService;
import jakarta.inject.Inject;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Two listeners in one consumer group: the app's, and a second one the test starts, as a replica
 * would. While the app's reconcile is held mid-rollout, its consumer leaves the group (a replica
 * dying); the second member then receives the event the dead one had not finished, because its
 * record was never committed. Runs in an app of its own (own group), as the app's consumer ends
 * unusable.
 */
@QuarkusTest
@TestProfile(ReplicaTakeoverTest.OwnGroup.class)
@Tag("slow")
class ReplicaTakeoverTest {

    /** The pipeline profile with a consumer group no other test uses. */
    public static class OwnGroup extends PipelineTestProfile {
        static final String GROUP = "pipeline-replica-" + UUID.randomUUID();

        @Override
        String group() {
            return GROUP;
        }
    }

    @TestHTTPResource("/webhooks/netbox")
    URI endpoint;

    @Inject FakeConfigRollout rollout;
    @Inject ReconcileHistory history;
    @Inject KafkaClientService kafka;

    @Test
    void listenerDyingMidReconcile_leavesItsEventToTheOtherGroupMember() throws Exception {
        await().atMost(Duration.ofSeconds(60)).until(() -> history.last().isPresent());
        String requestId = UUID.randomUUID().toString();
        long id = 77_000;
        CountDownLatch release = new CountDownLatch(0);
        try (SignedWebhooks webhooks = new SignedWebhooks(endpoint);
                GroupOffsets offsets = new GroupOffsets();
                KafkaConsumer<String, String> replica = replica()) {
            // every earlier record reconciled and committed, so the replica's first record is ours
            await().atMost(Duration.ofSeconds(120))
                    .until(
                            () ->
                                    offsets.end() == 0
                                            || offsets.committed(OwnGroup.GROUP) == offsets.end());
            release = rollout.holdNextRollout();
            FakeNetBoxResource.netbox()
                    .objects(FakeNetBox.PREFIXES)
                    .add(NetBoxObjects.prefix(id, "dhcp"));
            long eventOffset = offsets.end();
            assertThat(webhooks.post("created", id, requestId, "alice")).isEqualTo(202);
            assertThat(rollout.awaitHeld()).isTrue();

            kafka.getConsumer("netbox-events-consumer")
                    .runOnPollingThread(
                            (java.util.function.Consumer<
                                            org.apache.kafka.clients.consumer.Consumer<
                                                    Object, Object>>)
                                    org.apache.kafka.clients.consumer.Consumer::unsubscribe)
                    .await()
                    .atMost(Duration.ofSeconds(10));

            replica.subscribe(List.of("netbox.events"));
            List<ConsumerRecord<String, String>> received = new ArrayList<>();
            await().atMost(Duration.ofSeconds(60))
                    .until(
                            () -> {
                                replica.poll(Duration.ofMillis(500)).forEach(received::add);
                                return !received.isEmpty();
                            });
            assertThat(received.get(0).offset()).isEqualTo(eventOffset);
            assertThat(received.get(0).value()).contains(requestId);
        } finally {
            release.countDown();
        }
    }

    private static KafkaConsumer<String, String> replica() {
        return new KafkaConsumer<>(
                Map.of(
                        ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
                        KafkaTestBroker.bootstrapServers(),
                        ConsumerConfig.GROUP_ID_CONFIG,
                        OwnGroup.GROUP,
                        ConsumerConfig.AUTO_OFFSET_RESET_CONFIG,
                        "earliest",
                        ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG,
                        "false"),
                new StringDeserializer(),
                new StringDeserializer());
    }
}
