package dk.npflan.dhcp.webhook;

import io.smallrye.common.annotation.Identifier;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import java.util.Map;

/**
 * Producer settings of the {@code netbox-events} channel that follow from {@link WebhookSettings}:
 * the producer gives up on a record exactly when the webhook gives up waiting, so a webhook
 * answered 503 is never delivered later behind NetBox's back. Idempotent with {@code acks=all}, so
 * retries inside that window cannot duplicate or reorder records.
 */
@ApplicationScoped
public class NetboxEventsProducerConfig {

    @Produces
    @Identifier("netbox-events-producer")
    Map<String, Object> producerConfig(WebhookSettings settings) {
        String timeoutMs = Long.toString(settings.publishTimeout().toMillis());
        return Map.of(
                "acks",
                "all",
                "enable.idempotence",
                "true",
                "linger.ms",
                "0",
                "request.timeout.ms",
                timeoutMs,
                "delivery.timeout.ms",
                timeoutMs,
                "max.block.ms",
                timeoutMs);
    }
}
