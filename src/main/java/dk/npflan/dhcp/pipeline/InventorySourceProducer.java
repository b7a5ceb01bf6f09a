package dk.npflan.dhcp.pipeline;

import com.fasterxml.jackson.databind.ObjectMapper;
import dk.npflan.dhcp.netbox.Inventory;
import dk.npflan.dhcp.netbox.InventoryException;
import dk.npflan.dhcp.netbox.InventoryFileSource;
import dk.npflan.dhcp.netbox.InventoryProblem;
import dk.npflan.dhcp.netbox.InventorySource;
import dk.npflan.dhcp.netbox.NetBoxClient;
import dk.npflan.dhcp.netbox.NetBoxInventorySource;
import dk.npflan.dhcp.netbox.NetBoxSettings;
import dk.npflan.dhcp.netbox.PrefixSelection;
import io.quarkus.arc.DefaultBean;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import org.jboss.logging.Logger;

/**
 * Picks where reconciles read the inventory: live NetBox when {@code NETBOX_URL} is set, else the
 * inventory file {@code NETBOX_DHCPD_INVENTORY_FILE}, else a source that fails every load with a
 * message saying what to set. A plain {@code ObjectMapper} as in the {@code render} command, so the
 * service and the command read NetBox identically. Any other {@link InventorySource} bean (e.g. the
 * embedded run's watched file) replaces this choice.
 */
@ApplicationScoped
public class InventorySourceProducer {

    private static final Logger LOG = Logger.getLogger(InventorySourceProducer.class);

    @Produces
    @Singleton
    @DefaultBean
    InventorySource inventorySource(NetBoxSettings netbox, PipelineSettings pipeline) {
        ObjectMapper json = new ObjectMapper();
        InventorySource source;
        if (netbox.url().isPresent()) {
            try {
                source =
                        new NetBoxInventorySource(
                                NetBoxClient.from(netbox, json),
                                PrefixSelection.from(netbox.selection()));
            } catch (InventoryException e) {
                source = new FailingSource(e.problem(), e.getMessage());
            }
        } else if (pipeline.inventoryFile().isPresent()) {
            source = new InventoryFileSource(pipeline.inventoryFile().get(), json);
        } else {
            source =
                    new FailingSource(
                            InventoryProblem.MISCONFIGURED,
                            "no inventory: set NETBOX_URL (and NETBOX_TOKEN) or NETBOX_DHCPD_INVENTORY_FILE");
        }
        LOG.infof("inventory for reconciles: %s", source.describe());
        return source;
    }

    /** Settings that make loading impossible: every reconcile fails with the same message. */
    record FailingSource(InventoryProblem problem, String message) implements InventorySource {

        @Override
        public Inventory load() throws InventoryException {
            throw new InventoryException(problem, message);
        }

        @Override
        public String describe() {
            return "no inventory source (" + message + ")";
        }
    }
}
