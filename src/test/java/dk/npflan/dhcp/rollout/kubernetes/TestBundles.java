package dk.npflan.dhcp.rollout.kubernetes;

import dk.npflan.dhcp.config.PeerRole;
import dk.npflan.dhcp.config.RenderedConfig;
import java.util.LinkedHashMap;
import java.util.Map;

/** Bundles of chosen sizes, with the three files in hash order. */
final class TestBundles {

    private TestBundles() {}

    static RenderedConfig small(String marker) {
        return of("# " + marker + "\nsubnet 198.18.10.0 netmask 255.255.255.0 {\n}\n");
    }

    /** A dhcpd.conf of {@code subnets} /24 pools: 10,000 give ~2.4 MB, like a large event. */
    static RenderedConfig pools(int subnets) {
        StringBuilder conf = new StringBuilder("include \"/etc/dhcp/failover/dhcpd.failover\";\n");
        for (int i = 0; i < subnets; i++) {
            int a = 10 + i / 65536;
            int b = (i / 256) % 256;
            int c = i % 256;
            String net = a + "." + b + "." + c;
            conf.append("# NetBox ipam.prefix id=")
                    .append(100000 + i)
                    .append("\nsubnet ")
                    .append(net)
                    .append(".0 netmask 255.255.255.0 {\n  option routers ")
                    .append(net)
                    .append(".1;\n  option domain-name-servers 198.18.0.53, 198.18.0.54;\n")
                    .append(
                            "  default-lease-time 3600;\n  pool {\n    failover peer \"dhcp\";\n    range ")
                    .append(net)
                    .append(".10 ")
                    .append(net)
                    .append(".250;\n  }\n}\n");
        }
        return of(conf.toString());
    }

    static RenderedConfig of(String conf) {
        Map<String, String> files = new LinkedHashMap<>();
        files.put(RenderedConfig.CONFIG, conf);
        files.put(PeerRole.PRIMARY.fileName(), "failover peer \"dhcp\" {\n  primary;\n}\n");
        files.put(PeerRole.SECONDARY.fileName(), "failover peer \"dhcp\" {\n  secondary;\n}\n");
        return RenderedConfig.of(files);
    }
}
