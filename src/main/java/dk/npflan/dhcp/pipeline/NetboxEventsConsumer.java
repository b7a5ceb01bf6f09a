package dk.npflan.dhcp.pipeline;

import com.fasterxml.jackson.databind.ObjectMapper;
import dk.npflan.dhcp.webhook.NetboxEvent;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.time.Clock;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.jboss.logging.Logger;

/**
 * Reads {@code netbox.events} (channel {@code netbox-events-consumer}) and hands each event to the
 * {@link ReconcileLoop}. The method returns at once and acknowledges nothing itself: each record is
 * acknowledged only after the reconcile covering it has recorded its outcome, and the {@code
 * throttled} commit strategy commits only past contiguously acknowledged offsets, so a crash
 * mid-reconcile means redelivery (at-least-once). A record that is not an event envelope is skipped
 * (acknowledged) and counted, so one bad record cannot stall the partition.
 */
@ApplicationScoped
public class NetboxEventsConsumer {

    private static final Logger LOG = Logger.getLogger(NetboxEventsConsumer.class);

    private final ReconcileLoop loop;
    private final ReconcileMetrics metrics;
    private final ObjectMapper json;
    private final Clock clock = Clock.systemUTC();

    public NetboxEventsConsumer(ReconcileLoop loop, ReconcileMetrics metrics, ObjectMapper json) {
        this.loop = loop;
        this.metrics = metrics;
        this.json = json;
    }

    @Incoming("netbox-events-consumer")
    public CompletionStage<Void> onEvent(Message<String> message) {
        NetboxEvent event;
        try {
            event = json.readValue(message.getPayload(), NetboxEvent.class);
        } catch (IOException | IllegalArgumentException e) {
            metrics.malformedEvent();
            LOG.warnf("skipped a record on netbox.events that is not an event: %s", e.toString());
            message.ack();
            return CompletableFuture.completedFuture(null);
        }
        loop.offer(
                new PendingEvent(
                        event.key(),
                        event.event(),
                        event.requestId(),
                        event.user(),
                        clock.instant(),
                        message::ack));
        return CompletableFuture.completedFuture(null);
    }
}
