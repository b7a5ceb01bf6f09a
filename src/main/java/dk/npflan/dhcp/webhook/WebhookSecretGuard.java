package dk.npflan.dhcp.webhook;

import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.jboss.logging.Logger;

/**
 * Refuses to start the service without a webhook secret: an unsigned receiver lets anyone on the
 * network trigger rebuilds and restarts. Unsigned intake has to be switched on by name, and is then
 * warned about.
 */
@ApplicationScoped
public class WebhookSecretGuard {

    private static final Logger LOG = Logger.getLogger(WebhookSecretGuard.class);

    void onStart(@Observes StartupEvent start, WebhookSettings settings) {
        check(settings);
    }

    static void check(WebhookSettings settings) {
        if (settings.secret().isPresent()) {
            return;
        }
        if (!settings.allowUnsigned()) {
            throw new IllegalStateException(
                    "NETBOX_WEBHOOK_SECRET is not set. Set it to the secret of the NetBox "
                            + "webhook, or set NETBOX_DHCPD_WEBHOOK_ALLOW_UNSIGNED=true to accept unsigned webhooks "
                            + "(anyone who can reach this port could then trigger rebuilds).");
        }
        LOG.warn(
                "Unsigned NetBox webhooks are accepted (netbox-dhcpd.webhook.allow-unsigned=true): anyone who can "
                        + "reach this port can trigger rebuilds. Each such request is counted in netbox_webhooks_unsigned_total.");
    }
}
