package dk.npflan.dhcp.audit;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.Optional;

/**
 * How audit events are stamped and how long a reconcile waits for the broker to take them. The
 * topic itself is channel configuration ({@code mp.messaging.outgoing.dhcp-audit.topic}).
 */
@ConfigMapping(prefix = "netbox-dhcpd.audit")
public interface AuditSettings {

    /**
     * CloudEvents {@code source} of this instance (a URI reference); default {@code
     * urn:netbox-dhcpd:<host name>}, which on Kubernetes is the pod name.
     */
    Optional<String> source();

    /**
     * How long a reconcile waits for the broker to acknowledge its audit events before it counts
     * its outcome as not recorded (its events are then kept and the reconcile retried).
     */
    @WithDefault("PT10S")
    Duration ackTimeout();
}
