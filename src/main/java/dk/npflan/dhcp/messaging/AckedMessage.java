package dk.npflan.dhcp.messaging;

import java.util.concurrent.CompletableFuture;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.eclipse.microprofile.reactive.messaging.Metadata;

/**
 * A message for an {@code Emitter} together with the future its broker acknowledgement completes.
 * Both the webhook intake (202 only after the ack) and the audit sink (a reconcile counts as
 * recorded only after the ack) need exactly this.
 */
public record AckedMessage<T>(Message<T> message, CompletableFuture<Void> acked) {

    public static <T> AckedMessage<T> of(T payload, Metadata metadata) {
        CompletableFuture<Void> acked = new CompletableFuture<>();
        Message<T> message =
                Message.of(
                        payload,
                        metadata,
                        () -> {
                            acked.complete(null);
                            return CompletableFuture.completedFuture(null);
                        },
                        failure -> {
                            acked.completeExceptionally(failure);
                            return CompletableFuture.completedFuture(null);
                        });
        return new AckedMessage<>(message, acked);
    }
}
