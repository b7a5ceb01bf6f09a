package dk.npflan.dhcp.dhcpd;

import dk.npflan.dhcp.TestSettings;
import dk.npflan.dhcp.config.DhcpdSettings;
import dk.npflan.dhcp.config.Ipv4Address;
import dk.npflan.dhcp.config.Ipv4Network;
import dk.npflan.dhcp.config.PeerRole;
import dk.npflan.dhcp.config.RenderedConfig;
import dk.npflan.dhcp.validate.ConfigBuild;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * Writes one lab peer's dhcpd.conf and failover include with the real renderer ({@code config}
 * package), from an empty inventory: what remains is exactly what the pair needs (failover, OMAPI,
 * the server network and the probe subnet). Both peers share one filesystem here, so each peer is
 * rendered with its own include path; apart from that include line the two dhcpd.conf files are
 * identical, as in production.
 */
final class PairLabConfig {

    record Values(
            String peerName,
            String keyName,
            Path keyFile,
            int omapiPort,
            int mcltSeconds,
            Ipv4Network lan,
            Ipv4Network probeSubnet,
            Ipv4Address primary,
            Ipv4Address secondary) {}

    private PairLabConfig() {}

    /** Renders and writes {@code dir/dhcpd.conf} and {@code dir/dhcpd.failover} for one peer. */
    static void write(Path dir, Values values, boolean primary) throws IOException {
        Path include = dir.resolve("dhcpd.failover");
        String prefix = "netbox-dhcpd.config.";
        DhcpdSettings settings =
                TestSettings.dhcpd(
                        Map.ofEntries(
                                Map.entry(prefix + "failover.peer-name", values.peerName()),
                                Map.entry(
                                        prefix + "failover.primary.address",
                                        values.primary().toString()),
                                Map.entry(
                                        prefix + "failover.primary.peer-address",
                                        values.primary().toString()),
                                Map.entry(
                                        prefix + "failover.secondary.address",
                                        values.secondary().toString()),
                                Map.entry(
                                        prefix + "failover.secondary.peer-address",
                                        values.secondary().toString()),
                                Map.entry(
                                        prefix + "failover.mclt",
                                        Integer.toString(values.mcltSeconds())),
                                Map.entry(
                                        prefix + "omapi.port",
                                        Integer.toString(values.omapiPort())),
                                Map.entry(prefix + "omapi.key-name", values.keyName()),
                                Map.entry(
                                        prefix + "omapi.key-include", values.keyFile().toString()),
                                Map.entry(prefix + "failover-include", include.toString()),
                                Map.entry(
                                        prefix + "probe-subnet.network",
                                        values.probeSubnet().toString()),
                                Map.entry(
                                        prefix + "server-network.network",
                                        values.lan().toString())));
        ConfigBuild.Result build = ConfigBuild.from(List.of(), List.of(), settings);
        if (!build.isValid()) {
            throw new IllegalStateException("lab config does not validate: " + build.errors());
        }
        RenderedConfig rendered = build.rendered();
        Files.writeString(dir.resolve(DhcpdInvocation.CONFIG_FILE_NAME), rendered.config());
        Files.writeString(
                include, rendered.failover(primary ? PeerRole.PRIMARY : PeerRole.SECONDARY));
    }
}
