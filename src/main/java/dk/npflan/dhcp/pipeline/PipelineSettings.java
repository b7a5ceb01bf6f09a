package dk.npflan.dhcp.pipeline;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

/**
 * How NetBox events become reconciles: coalescing, resync, the sanity bound, the failure memory's
 * back-off, the manual trigger's token and where the inventory comes from when there is no NetBox.
 * The consumer group and topic are channel configuration ({@code
 * mp.messaging.incoming.netbox-events-consumer.*}).
 */
@ConfigMapping(prefix = "netbox-dhcpd.pipeline")
public interface PipelineSettings {

    /** A reconcile starts once no new event has arrived for this long. */
    @WithDefault("PT3S")
    Duration quietPeriod();

    /** … or at the latest this long after the first pending event, however busy NetBox is. */
    @WithDefault("PT30S")
    Duration maxDelay();

    /** A full reconcile this often, whatever the events (lost webhooks, silent changes). */
    @WithDefault("PT15M")
    Duration resyncInterval();

    /** Run a full reconcile right after startup. */
    @WithDefault("true")
    boolean resyncAtStartup();

    /**
     * A snapshot that would remove more than this share (0–1) of the published subnets is held
     * until {@code POST /reconcile?force=true}.
     */
    @WithDefault("0.2")
    double maxRemovedShare();

    /**
     * After a reconcile failed because NetBox could not be read, or its outcome could not be
     * recorded on the audit topic, the next attempt waits this long.
     */
    @WithDefault("PT30S")
    Duration retryDelay();

    /**
     * Each reconcile in a row that could not read NetBox doubles the wait before the next, from
     * {@code retry-delay} up to this.
     */
    @WithDefault("PT5M")
    Duration retryMaxDelay();

    /**
     * A bundle whose rollout rolled back or halted is held this long before it is tried again
     * (unless NetBox renders a different one or {@code POST /reconcile?force=true}); doubled with
     * each failure of the same bundle in a row.
     */
    @WithDefault("PT30M")
    Duration heldBundleBackoff();

    /** The longest a held bundle waits for its next attempt. */
    @WithDefault("PT6H")
    Duration heldBundleMaxBackoff();

    /**
     * Bearer token for {@code POST /reconcile}, {@code POST /rollouts/pause} and {@code
     * /rollouts/resume} (env {@code NETBOX_DHCPD_RECONCILE_TOKEN}, from a Secret). Unset: they
     * refuse every request. Never logged, no default.
     */
    Optional<String> reconcileToken();

    /**
     * The inventory file used when no NetBox URL is set (env {@code NETBOX_DHCPD_INVENTORY_FILE}):
     * NetBox REST objects as {@code {"prefixes": [...], "ip_ranges": [...]}}.
     */
    Optional<Path> inventoryFile();

    /**
     * How often the inventory file is checked for a change (which reconciles once the file has
     * stayed the same for one more check).
     */
    @WithDefault("PT1S")
    Duration inventoryFilePollInterval();
}
