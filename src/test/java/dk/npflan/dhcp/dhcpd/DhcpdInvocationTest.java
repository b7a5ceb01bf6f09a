package dk.npflan.dhcp.dhcpd;

import static org.assertj.core.api.Assertions.assertThat;

import io.smallrye.config.SmallRyeConfig;
import io.smallrye.config.SmallRyeConfigBuilder;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class DhcpdInvocationTest {

    @Test
    void serveCommand_inNetns_isForegroundStderrExplicitLeaseFileNoPidAndInterface() {
        DhcpdInvocation invocation =
                new DhcpdInvocation(
                        "/usr/sbin/dhcpd",
                        Path.of("/cfg/dhcpd.conf"),
                        Path.of("/data/dhcpd.leases"),
                        Optional.of("eth0"),
                        Optional.of("nbd-pair-p"),
                        "ip");

        assertThat(invocation.serveCommand())
                .containsExactly(
                        "ip",
                        "netns",
                        "exec",
                        "nbd-pair-p",
                        "/usr/sbin/dhcpd",
                        "-4",
                        "-f",
                        "-d",
                        "-cf",
                        "/cfg/dhcpd.conf",
                        "-lf",
                        "/data/dhcpd.leases",
                        "--no-pid",
                        "eth0");
    }

    @Test
    void settings_defaultsAndOverrides_buildTheInvocation() {
        DhcpdProcessSettings defaults = settings(Map.of());
        assertThat(DhcpdInvocation.from(defaults).serveCommand())
                .containsExactly(
                        "/usr/sbin/dhcpd",
                        "-4",
                        "-f",
                        "-d",
                        "-cf",
                        "/etc/dhcp/dhcpd.conf",
                        "-lf",
                        "/var/lib/dhcp/dhcpd.leases",
                        "--no-pid");
        assertThat(defaults.stopTimeout()).isEqualTo(Duration.ofSeconds(5));

        DhcpdProcessSettings custom =
                settings(
                        Map.of(
                                "netbox-dhcpd.dhcpd.binary",
                                "/opt/dhcpd",
                                "netbox-dhcpd.dhcpd.config-dir",
                                "/etc/netbox-dhcpd",
                                "netbox-dhcpd.dhcpd.interface",
                                "net1",
                                "netbox-dhcpd.dhcpd.check-timeout",
                                "PT2M"));
        assertThat(DhcpdInvocation.from(custom).serveCommand())
                .startsWith("/opt/dhcpd")
                .endsWith("net1")
                .contains("/etc/netbox-dhcpd/dhcpd.conf");
        assertThat(custom.checkTimeout()).isEqualTo(Duration.ofMinutes(2));
    }

    private static DhcpdProcessSettings settings(Map<String, String> values) {
        SmallRyeConfig config =
                new SmallRyeConfigBuilder()
                        .withSources(
                                new io.smallrye.config.PropertiesConfigSource(values, "test", 500))
                        .withMapping(DhcpdProcessSettings.class)
                        .build();
        return config.getConfigMapping(DhcpdProcessSettings.class);
    }
}
