package dk.npflan.dhcp.agent;

import dk.npflan.dhcp.agent.leases.PoolMetricsDetail;
import dk.npflan.dhcp.config.PeerRole;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

/**
 * Settings of {@code netbox-dhcpd agent} ({@code netbox-dhcpd.agent.*}), the process beside dhcpd
 * in each dhcpd pod. What dhcpd itself runs with (binary, lease file, interface) stays in {@code
 * netbox-dhcpd.dhcpd.*}, the include paths and probe subnet in {@code netbox-dhcpd.config.*} and
 * the OMAPI key file in {@code netbox-dhcpd.omapi.*}, so the agent and the renderer read one value
 * for each. Secrets (token, OMAPI key) are only paths to mounted files, with no defaults.
 */
@ConfigMapping(prefix = "netbox-dhcpd.agent")
public interface AgentSettings {

    /** TCP port of the agent's HTTP API. */
    @WithDefault("8067")
    int port();

    /** Address the HTTP API binds to. */
    @WithDefault("0.0.0.0")
    String bindAddress();

    /** Which side of the failover pair this pod runs: its failover file is used. */
    PeerRole role();

    /** The mounted bundle (ConfigMap directory): dhcpd.conf and both failover files. */
    @WithDefault("/etc/netbox-dhcpd/bundle")
    Path configDir();

    /**
     * Where the agent builds what dhcpd runs: {@code dhcpd.conf} plus the failover and OMAPI key
     * includes at the absolute paths dhcpd.conf names ({@code
     * netbox-dhcpd.config.failover-include}, {@code netbox-dhcpd.config.omapi.key-include}), which
     * must lie inside this directory.
     */
    @WithDefault("/etc/dhcp")
    Path runDir();

    /**
     * Where the agent keeps the bundle its server last ran successfully, which a restart of the
     * agent boots instead of the mounted one (persistent: a pod restart must find it). Absent =
     * {@code netbox-dhcpd/kept-<role>} beside the server's lease file.
     */
    Optional<Path> keptBundleDir();

    /** File holding the bearer token for {@code POST /restart} (a mounted Secret). */
    Optional<Path> tokenFile();

    /** How long a probe result answers {@code /ready}, so a probe storm cannot flood dhcpd. */
    @WithDefault("PT2S")
    Duration readyCache();

    /** Bound of one DHCP exchange of the readiness probe. */
    @WithDefault("PT2S")
    Duration probeTimeout();

    /** Interface the probe sends through; absent = {@code netbox-dhcpd.dhcpd.interface}. */
    Optional<String> probeInterface();

    /** Host of dhcpd's OMAPI listener (the local dhcpd). */
    @WithDefault("127.0.0.1")
    String omapiHost();

    /** How long {@code POST /restart} waits for dhcpd to report that it serves again. */
    @WithDefault("PT60S")
    Duration startTimeout();

    /** Restarts after dhcpd died on its own. */
    RestartBackoff restartBackoff();

    /** Pool and subnet address counts from the lease file ({@code dhcpd_pool_*}, …). */
    LeaseMetrics leaseMetrics();

    /** How the lease-file metrics are kept. */
    interface LeaseMetrics {
        /**
         * How often the lease file is polled (only what was appended is read); scrapes never parse.
         */
        @WithDefault("PT10S")
        Duration refresh();

        /** {@code SUBNETS_AND_RANGES}, or {@code SUBNETS} to halve the series at large scale. */
        @WithDefault("SUBNETS_AND_RANGES")
        PoolMetricsDetail detail();
    }

    /** Backoff of the agent's own restarts of a dhcpd that died. */
    interface RestartBackoff {
        /** Delay before the first restart after an exit. */
        @WithDefault("PT1S")
        Duration initial();

        /** The delay doubles per consecutive quick exit up to this. */
        @WithDefault("PT30S")
        Duration max();

        /** Consecutive quick exits from which the agent reports a crash loop. */
        @WithDefault("3")
        int crashLoopThreshold();

        /** A run at least this long counts as healthy: the backoff and crash loop reset. */
        @WithDefault("PT60S")
        Duration stableAfter();
    }
}
