package dk.npflan.dhcp.webhook;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.concurrent.CompletableFuture;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Emitter;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.eclipse.microprofile.reactive.messaging.Metadata;

/**
 * Puts a {@link NetboxEvent} on the {@code netbox-events} channel (topic {@code netbox.events}, see
 * application.properties) and completes only when the broker has acknowledged it. The webhook
 * answers 202 after that, so an acknowledged webhook is never lost.
 */
@ApplicationScoped
public class NetboxEventPublisher {

    private final Emitter<String> emitter;
    private final ObjectMapper mapper;

    @Inject
    public NetboxEventPublisher(
            @Channel("netbox-events") Emitter<String> emitter, ObjectMapper mapper) {
        this.emitter = emitter;
        this.mapper = mapper;
    }

    /** Completes on the broker's ack; fails on a nack or when the message cannot be queued. */
    public Uni<Void> publish(NetboxEvent event) {
        return Uni.createFrom()
                .deferred(
                        () -> {
                            CompletableFuture<Void> acked = new CompletableFuture<>();
                            Message<String> message =
                                    Message.of(
                                            toJson(event),
                                            Metadata.of(
                                                    OutgoingKafkaRecordMetadata.<String>builder()
                                                            .withKey(event.key())
                                                            .build()),
                                            () -> {
                                                acked.complete(null);
                                                return CompletableFuture.completedFuture(null);
                                            },
                                            failure -> {
                                                acked.completeExceptionally(failure);
                                                return CompletableFuture.completedFuture(null);
                                            });
                            emitter.send(message);
                            return Uni.createFrom().completionStage(acked);
                        });
    }

    private String toJson(NetboxEvent event) {
        try {
            return mapper.writeValueAsString(event);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a parsed event must serialize", e);
        }
    }
}
