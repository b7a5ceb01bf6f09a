package dk.npflan.dhcp.webhook;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dk.npflan.dhcp.messaging.AckedMessage;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Emitter;
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
                            AckedMessage<String> sent =
                                    AckedMessage.of(
                                            toJson(event),
                                            Metadata.of(
                                                    OutgoingKafkaRecordMetadata.<String>builder()
                                                            .withKey(event.key())
                                                            .build()));
                            emitter.send(sent.message());
                            return Uni.createFrom().completionStage(sent.acked());
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
