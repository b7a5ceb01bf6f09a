package dk.npflan.dhcp.webhook;

import io.quarkus.runtime.configuration.MemorySize;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.Optional;
import java.util.Set;

/**
 * How NetBox webhooks are taken in. The shared secret comes only from the environment ({@code
 * NETBOX_WEBHOOK_SECRET}) and has no default: without it the service refuses to start unless {@link
 * #allowUnsigned()} is switched on explicitly.
 */
@ConfigMapping(prefix = "netbox-dhcpd.webhook")
public interface WebhookSettings {

    /**
     * The secret configured on the NetBox webhook; the HMAC-SHA512 key for {@code
     * X-Hook-Signature}.
     */
    Optional<String> secret();

    /**
     * Accept requests without a signature when no secret is set. Warned about at startup and
     * counted.
     */
    @WithDefault("false")
    boolean allowUnsigned();

    /** Largest accepted body; NetBox prefix bodies are 2–4 KiB. */
    @WithDefault("256K")
    MemorySize maxBodySize();

    /**
     * NetBox object types that trigger a rebuild; others are acknowledged and ignored. Interfaces
     * and MAC objects are in because a changed MAC of a reserved address fires only their events.
     */
    @WithDefault("ipam.prefix,ipam.iprange,ipam.ipaddress,dcim.interface,dcim.macaddress")
    Set<String> objectTypes();

    /** How long to wait for the Kafka broker to acknowledge an event before answering 503. */
    @WithDefault("PT5S")
    Duration publishTimeout();

    /** The {@code Retry-After} sent with a 503. */
    @WithDefault("PT30S")
    Duration retryAfter();
}
