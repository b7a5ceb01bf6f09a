package dk.npflan.dhcp.webhook;

import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.Optional;
import org.jboss.logging.Logger;

/**
 * Refuses to start the service without a webhook secret: an unsigned receiver lets anyone on the
 * network trigger rebuilds and restarts. Unsigned intake has to be switched on by name, and is then
 * warned about. {@code serve} asks {@link #problem} before it starts anything (so the user sees one
 * line at once); the startup check stays for any other way the app is booted.
 */
@ApplicationScoped
public class WebhookSecretGuard {

    private static final Logger LOG = Logger.getLogger(WebhookSecretGuard.class);

    void onStart(@Observes StartupEvent start, WebhookSettings settings) {
        check(settings);
    }

    /** Why the service must not start with these settings; empty when it may. */
    public static Optional<String> problem(WebhookSettings settings) {
        if (settings.secret().isPresent() || settings.allowUnsigned()) {
            return Optional.empty();
        }
        return Optional.of(
                "NETBOX_WEBHOOK_SECRET is not set. Set it to the secret of the NetBox "
                        + "webhook, or set NETBOX_DHCPD_WEBHOOK_ALLOW_UNSIGNED=true to accept unsigned webhooks "
                        + "(anyone who can reach this port could then trigger rebuilds).");
    }

    static void check(WebhookSettings settings) {
        Optional<String> problem = problem(settings);
        if (problem.isPresent()) {
            throw new IllegalStateException(problem.get());
        }
        if (settings.secret().isEmpty()) {
            LOG.warn(
                    "Unsigned NetBox webhooks are accepted (netbox-dhcpd.webhook.allow-unsigned=true): anyone who can "
                            + "reach this port can trigger rebuilds. Each such request is counted in netbox_webhooks_unsigned_total.");
        }
    }
}
