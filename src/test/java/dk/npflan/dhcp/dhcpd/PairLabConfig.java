package dk.npflan.dhcp.dhcpd;

import dk.npflan.dhcp.probe.Ipv4Subnet;
import java.io.IOException;
import java.io.InputStream;
import java.net.Inet4Address;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * Writes the lab pair's dhcpd.conf and per-role failover include from the templates in
 * {@code src/test/resources/dhcpd/pair/}. A test-side stand-in until the config renderer (issue 2) is
 * merged; the layout mirrors production: one shared dhcpd.conf that includes a per-role failover file.
 */
final class PairLabConfig {

    record Values(String peerName, String keyName, String secret, int omapiPort, int mcltSeconds,
            Ipv4Subnet lan, Ipv4Subnet probeSubnet) {}

    private PairLabConfig() {}

    /** Writes {@code dir/dhcpd.conf} and {@code dir/dhcpd.failover} for one peer. */
    static void write(Path dir, Values values, boolean primary, Inet4Address own, Inet4Address partner)
            throws IOException {
        Path include = dir.resolve("dhcpd.failover");
        Map<String, String> fill = Map.ofEntries(
                Map.entry("@PEER@", values.peerName()),
                Map.entry("@KEY_NAME@", values.keyName()),
                Map.entry("@SECRET@", values.secret()),
                Map.entry("@OMAPI_PORT@", Integer.toString(values.omapiPort())),
                Map.entry("@MCLT@", Integer.toString(values.mcltSeconds())),
                Map.entry("@FAILOVER_INCLUDE@", include.toString()),
                Map.entry("@LAN_NETWORK@", values.lan().network().getHostAddress()),
                Map.entry("@LAN_NETMASK@", values.lan().netmask().getHostAddress()),
                Map.entry("@PROBE_NETWORK@", values.probeSubnet().network().getHostAddress()),
                Map.entry("@PROBE_NETMASK@", values.probeSubnet().netmask().getHostAddress()),
                Map.entry("@PROBE_RANGE_START@", values.probeSubnet().host(4).getHostAddress()),
                Map.entry("@PROBE_RANGE_END@", values.probeSubnet().host(
                        (1 << (32 - values.probeSubnet().prefixLength())) - 3).getHostAddress()),
                Map.entry("@OWN_ADDRESS@", own.getHostAddress()),
                Map.entry("@PARTNER_ADDRESS@", partner.getHostAddress()));
        Files.writeString(dir.resolve(DhcpdInvocation.CONFIG_FILE_NAME), fill(template("dhcpd.conf"), fill));
        Files.writeString(include, fill(template(primary ? "failover-primary" : "failover-secondary"), fill));
    }

    private static String fill(String template, Map<String, String> values) {
        String out = template;
        for (Map.Entry<String, String> entry : values.entrySet()) {
            out = out.replace(entry.getKey(), entry.getValue());
        }
        return out;
    }

    private static String template(String name) throws IOException {
        try (InputStream in = PairLabConfig.class.getResourceAsStream("/dhcpd/pair/" + name)) {
            if (in == null) {
                throw new IOException("missing test resource /dhcpd/pair/" + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
