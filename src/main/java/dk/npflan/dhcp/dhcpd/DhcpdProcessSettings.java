package dk.npflan.dhcp.dhcpd;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import io.smallrye.config.WithName;
import java.time.Duration;
import java.util.Optional;

/**
 * Settings of the supervised dhcpd process: where the binary, config and lease file are, which
 * interface and network namespace it serves, and the time bounds of checking and stopping it. One
 * mapping for the area, so the service and the plain-Java commands read the same keys.
 */
@ConfigMapping(prefix = "netbox-dhcpd.dhcpd")
public interface DhcpdProcessSettings {

    /** Path of the dhcpd binary, for serving and for every {@code dhcpd -t} (validation too). */
    @WithDefault("/usr/sbin/dhcpd")
    String binary();

    /** Directory holding {@code dhcpd.conf} (and whatever it includes). */
    @WithDefault("/etc/dhcp")
    String configDir();

    /** The lease file; created if missing, never truncated or deleted. */
    @WithDefault("/var/lib/dhcp/dhcpd.leases")
    String leaseFile();

    /** Interface to serve; without it dhcpd picks every interface that has a subnet declaration. */
    @WithName("interface")
    Optional<String> interfaceName();

    /** Network namespace to run dhcpd in (via {@code ip netns exec}); absent = this namespace. */
    Optional<String> netns();

    /** The {@code ip} binary used for {@code ip netns exec}. */
    @WithDefault("ip")
    String ipBinary();

    /**
     * Upper bound for one {@code dhcpd -t} run, counted from its own start, before supervision
     * starts a config and when validation checks a rendered one; a run past it is killed and
     * reported as timed out. Big configs take seconds (10,000 /24 pools: 2–6 s). Durations default
     * in ISO-8601 form so that plain SmallRye (the operator commands) parses them as well as
     * Quarkus.
     */
    @WithDefault("PT60S")
    Duration checkTimeout();

    /** How long to wait for dhcpd to exit after SIGTERM before SIGKILL. */
    @WithDefault("PT5S")
    Duration stopTimeout();

    /** How many of dhcpd's most recent log lines to keep in memory. */
    @WithDefault("500")
    int logLinesKept();
}
