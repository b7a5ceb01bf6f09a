package dk.npflan.dhcp.webhook;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Set;

/**
 * The intake's Prometheus series: {@code netbox_webhooks_total{result,object_type,event}}, the
 * request latency histogram {@code netbox_webhook_duration_seconds} and {@code
 * netbox_webhooks_unsigned_total}. Label values come from fixed sets only, so a sender cannot blow
 * up the series count.
 */
@ApplicationScoped
public class WebhookMetrics {

    private static final Set<String> EVENTS = Set.of("created", "updated", "deleted");

    private final MeterRegistry registry;
    private final Set<String> knownObjectTypes;
    private final Timer duration;
    private final Counter unsigned;

    public WebhookMetrics(MeterRegistry registry, WebhookSettings settings) {
        this.registry = registry;
        this.knownObjectTypes = Set.copyOf(settings.objectTypes());
        this.duration =
                Timer.builder("netbox.webhook.duration")
                        .description("Time from receiving a NetBox webhook to answering it")
                        .publishPercentileHistogram()
                        .register(registry);
        this.unsigned =
                Counter.builder("netbox.webhooks.unsigned")
                        .description(
                                "Webhooks accepted without a signature (unsigned intake switched on)")
                        .register(registry);
    }

    public Timer.Sample start() {
        return Timer.start(registry);
    }

    public void record(Timer.Sample sample, WebhookResult result, NetboxEvent event) {
        sample.stop(duration);
        String objectType = event == null ? "unknown" : objectTypeLabel(event.objectType());
        String action =
                event == null || !EVENTS.contains(event.event()) ? "unknown" : event.event();
        Counter.builder("netbox.webhooks")
                .description("NetBox webhooks answered, by result, NetBox object type and event")
                .tag("result", result.label())
                .tag("object_type", objectType)
                .tag("event", action)
                .register(registry)
                .increment();
    }

    public void countUnsigned() {
        unsigned.increment();
    }

    private String objectTypeLabel(String objectType) {
        if (objectType == null) {
            return "unknown";
        }
        return knownObjectTypes.contains(objectType) ? objectType : "other";
    }
}
