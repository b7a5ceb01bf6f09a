package dk.npflan.dhcp.pipeline;

import io.quarkus.runtime.StartupEvent;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

/**
 * The full reconciles that make the pipeline level-triggered: one right after startup and one every
 * {@code resync-interval}, through the same path as events. They repair lost webhooks (NetBox does
 * not retry by default) and changes NetBox sends no webhook for.
 */
@ApplicationScoped
public class ResyncSchedule {

    private final ReconcileLoop loop;
    private final PipelineSettings settings;

    public ResyncSchedule(ReconcileLoop loop, PipelineSettings settings) {
        this.loop = loop;
        this.settings = settings;
    }

    void onStart(@Observes StartupEvent event) {
        if (settings.resyncAtStartup()) {
            loop.requestResync(Trigger.STARTUP);
        }
    }

    @Scheduled(
            identity = "netbox-dhcpd-resync",
            every = "${netbox-dhcpd.pipeline.resync-interval:15m}",
            delayed = "${netbox-dhcpd.pipeline.resync-interval:15m}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void periodic() {
        loop.requestResync(Trigger.RESYNC);
    }
}
