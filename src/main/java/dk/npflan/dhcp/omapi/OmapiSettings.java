package dk.npflan.dhcp.omapi;

import dk.npflan.dhcp.settings.PortConverter;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithConverter;
import io.smallrye.config.WithDefault;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

/**
 * Settings of the OMAPI area ({@code netbox-dhcpd.omapi.*}): where dhcpd's OMAPI listener is and
 * how long we wait for it. The one home of these values: the {@code failover-state} command takes
 * its defaults from here, and the agent and the rollout gate read the same keys. The key itself is
 * only a path to a mounted Secret (dhcpd {@code key} syntax), with no default, so the secret never
 * sits in configuration or logs.
 */
@ConfigMapping(prefix = "netbox-dhcpd.omapi")
public interface OmapiSettings {

    /**
     * dhcpd's {@code omapi-port}: by default the port the renderer writes into dhcpd.conf ({@code
     * netbox-dhcpd.config.omapi.port}), so one setting moves both ends.
     */
    @WithDefault("${netbox-dhcpd.config.omapi.port:7911}")
    @WithConverter(PortConverter.class)
    int port();

    /** Path of the key file (the mounted Secret); absent until a deployment provides one. */
    Optional<Path> keyFile();

    /** Bounds on every OMAPI call. */
    Timeouts timeouts();

    /** Connect bound and per-exchange deadline, see {@link OmapiTimeouts}. */
    interface Timeouts {

        @WithDefault("PT3S")
        Duration connect();

        @WithDefault("PT5S")
        Duration exchange();
    }

    /** The timeouts as the client takes them. */
    default OmapiTimeouts omapiTimeouts() {
        return new OmapiTimeouts(timeouts().connect(), timeouts().exchange());
    }
}
