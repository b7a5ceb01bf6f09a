package dk.npflan.dhcp.pipeline;

import dk.npflan.dhcp.netbox.InventoryFileSource;
import dk.npflan.dhcp.netbox.InventorySource;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Instant;
import java.util.Optional;
import org.jboss.logging.Logger;

/**
 * When the inventory file stands in for NetBox (no {@code NETBOX_URL}), a change to it is a change
 * in NetBox: it triggers a reconcile. The file is polled (size, modification time, inode), which
 * also sees editors that save by writing a new file and renaming it, and a change counts once the
 * file has stayed the same for one more poll, so a half-written file is not read.
 */
@ApplicationScoped
public class InventoryFileWatch {

    private static final Logger LOG = Logger.getLogger(InventoryFileWatch.class);

    /** What identifies one version of the file; empty fields when it does not exist. */
    record Stamp(long size, Instant modified, Object fileKey) {

        static Stamp of(Path file) {
            try {
                BasicFileAttributes a = Files.readAttributes(file, BasicFileAttributes.class);
                return new Stamp(a.size(), a.lastModifiedTime().toInstant(), a.fileKey());
            } catch (IOException e) {
                return new Stamp(-1, Instant.EPOCH, null);
            }
        }
    }

    private final Optional<Path> file;
    private final Runnable reconcile;

    // guarded by this
    private Stamp reconciled;
    private Stamp seen;

    /** Watches the file reconciles read, if they read one ({@link InventorySourceProducer}). */
    @Inject
    public InventoryFileWatch(InventorySource source, ReconcileLoop loop) {
        this(
                source instanceof InventoryFileSource f ? Optional.of(f.file()) : Optional.empty(),
                () -> loop.requestResync(Trigger.INVENTORY_FILE));
    }

    /**
     * @param file the file to watch; empty: nothing to watch (NetBox is the source)
     * @param reconcile asks for a reconcile
     */
    InventoryFileWatch(Optional<Path> file, Runnable reconcile) {
        this.file = file;
        this.reconcile = reconcile;
    }

    void onStart(@Observes StartupEvent event) {
        file.ifPresent(
                f -> {
                    synchronized (this) {
                        reconciled = Stamp.of(f);
                        seen = reconciled;
                    }
                    LOG.infof("watching the inventory file %s: saving a change reconciles", f);
                });
    }

    @Scheduled(
            identity = "netbox-dhcpd-inventory-file-watch",
            every = "${netbox-dhcpd.pipeline.inventory-file-poll-interval:PT1S}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void poll() {
        file.ifPresent(this::check);
    }

    private synchronized void check(Path f) {
        Stamp now = Stamp.of(f);
        boolean settled = now.equals(seen);
        seen = now;
        if (settled && reconciled != null && !now.equals(reconciled)) {
            reconciled = now;
            LOG.infof("the inventory file %s changed: reconciling", f);
            reconcile.run();
        }
    }
}
