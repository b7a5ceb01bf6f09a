package dk.npflan.dhcp.config;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Prints the {@link ServerModel} model as dhcpd.conf plus one failover include per role.
 * Deterministic (same model, same bytes: no timestamps, fixed order and layout) and injection-proof
 * by construction: it prints only parsed addresses, numbers, checked names and sanitized comments,
 * never raw NetBox text.
 */
public final class DhcpdConfigRenderer {

    private static final String INDENT = "    ";

    public RenderedConfig render(ServerModel config) {
        Map<String, String> files = new LinkedHashMap<>();
        files.put(RenderedConfig.CONFIG, renderConfig(config));
        for (PeerRole role : PeerRole.values()) {
            files.put(role.fileName(), renderFailover(config.failover().get(role)));
        }
        return RenderedConfig.of(files);
    }

    private String renderConfig(ServerModel config) {
        StringBuilder out = new StringBuilder(1024 + config.subnets().size() * 320);
        out.append(
                "# Rendered by netbox-dhcpd from NetBox. Do not edit: changes are overwritten.\n");
        out.append("# ")
                .append(config.subnets().size())
                .append(" NetBox subnets, plus the server-network and probe subnets.\n\n");
        if (config.authoritative()) {
            out.append("authoritative;\n");
        }
        out.append("ping-check ").append(config.pingCheck()).append(";\n");
        options(out, "", config.global());
        out.append("omapi-port ").append(config.omapiPort()).append(";\n");
        out.append("include \"").append(config.omapiKeyInclude()).append("\";\n");
        out.append("omapi-key ").append(config.omapiKeyName()).append(";\n");
        out.append("include \"").append(config.failoverInclude()).append("\";\n");
        Map<String, List<Subnet>> shared = config.sharedNetworks();
        for (Subnet subnet : config.allSubnets()) {
            Optional<String> link = subnet.sharedNetwork();
            if (link.isEmpty()) {
                subnet(out, "", subnet);
            } else if (shared.get(link.get()).get(0) == subnet) {
                sharedNetwork(out, link.get(), shared.get(link.get()));
            }
        }
        hosts(out, config);
        return out.toString();
    }

    /**
     * The host reservations as global {@code host} declarations after all subnets, so they are
     * outside every failover pool and a subnet block's text does not change with them. Nothing is
     * written when there are none, so a config without reservations is byte for byte what it was
     * before reservations existed.
     */
    private static void hosts(StringBuilder out, ServerModel config) {
        boolean first = true;
        for (Subnet subnet : config.subnets()) {
            for (Reservation r : subnet.reservations()) {
                if (first) {
                    out.append("\n# Host reservations from NetBox IP addresses: fixed addresses,")
                            .append(" outside the failover pools.\n");
                    first = false;
                }
                out.append("host ")
                        .append(r.name())
                        .append(" { # ")
                        .append(r.source().type())
                        .append(' ')
                        .append(r.source().id())
                        .append(" in ")
                        .append(subnet.source().type())
                        .append(' ')
                        .append(subnet.source().id())
                        .append('\n');
                out.append(INDENT).append("hardware ethernet ").append(r.mac()).append(";\n");
                r.address().appendTo(out.append(INDENT).append("fixed-address ")).append(";\n");
                r.hostName()
                        .ifPresent(
                                name ->
                                        out.append(INDENT)
                                                .append("option host-name \"")
                                                .append(name)
                                                .append("\";\n"));
                out.append("}\n");
            }
        }
    }

    /**
     * One link with several subnets. The name is a checked identifier ({@code [A-Za-z0-9_.-]}),
     * quoted all the same; every pool inside still carries the failover peer.
     */
    private static void sharedNetwork(StringBuilder out, String name, List<Subnet> members) {
        out.append("\n# shared network: ")
                .append(members.size())
                .append(" subnets on one link\n")
                .append("shared-network \"")
                .append(name)
                .append("\" {\n");
        for (Subnet member : members) {
            subnet(out, INDENT, member);
        }
        out.append("}\n");
    }

    private static void subnet(StringBuilder out, String outer, Subnet subnet) {
        String inner = outer + INDENT;
        out.append('\n').append(outer).append("# ").append(subnet.comment()).append('\n');
        subnet.network().network().appendTo(out.append(outer).append("subnet "));
        subnet.network().netmask().appendTo(out.append(" netmask ")).append(" {\n");
        options(out, inner, subnet.options());
        for (Pool pool : subnet.pools()) {
            out.append(inner).append("pool {\n");
            out.append(inner)
                    .append(INDENT)
                    .append("failover peer \"")
                    .append(pool.failoverPeer())
                    .append("\";\n");
            pool.start().appendTo(out.append(inner).append(INDENT).append("range "));
            pool.end().appendTo(out.append(' ')).append(';');
            pool.range()
                    .ifPresent(
                            range ->
                                    out.append(" # ")
                                            .append(range.type())
                                            .append(' ')
                                            .append(range.id()));
            out.append('\n');
            standard(out, inner + INDENT, pool.options());
            out.append(inner).append("}\n");
        }
        out.append(outer).append("}\n");
    }

    private static void options(StringBuilder out, String indent, DhcpOptions options) {
        options.defaultLeaseTime()
                .ifPresent(
                        s ->
                                out.append(indent)
                                        .append("default-lease-time ")
                                        .append(s)
                                        .append(";\n"));
        options.maxLeaseTime()
                .ifPresent(
                        s -> out.append(indent).append("max-lease-time ").append(s).append(";\n"));
        addresses(out, indent, "routers", options.routers());
        options.domainName()
                .ifPresent(
                        name ->
                                out.append(indent)
                                        .append("option domain-name \"")
                                        .append(name)
                                        .append("\";\n"));
        addresses(out, indent, "domain-name-servers", options.domainNameServers());
        addresses(out, indent, "ntp-servers", options.ntpServers());
        standard(out, indent, options.other());
    }

    /**
     * Options from {@code dhcp_options} by dhcpd's name: items joined by {@code ", "}, strings in
     * quotes with {@code "} escaped (the parser admits no backslash or line break, so nothing else
     * can end the string).
     */
    private static void standard(StringBuilder out, String indent, List<DhcpOption> options) {
        for (DhcpOption option : options) {
            out.append(indent).append("option ").append(option.option().dhcpdName()).append(' ');
            boolean quoted = option.option().type().quotedInDhcpd();
            for (int i = 0; i < option.items().size(); i++) {
                if (i > 0) {
                    out.append(", ");
                }
                String item = option.items().get(i);
                out.append(quoted ? "\"" + item.replace("\"", "\\\"") + "\"" : item);
            }
            out.append(";\n");
        }
    }

    private static void addresses(
            StringBuilder out, String indent, String option, List<Ipv4Address> addresses) {
        if (!addresses.isEmpty()) {
            out.append(indent).append("option ").append(option).append(' ');
            for (int i = 0; i < addresses.size(); i++) {
                addresses.get(i).appendTo(i == 0 ? out : out.append(", "));
            }
            out.append(";\n");
        }
    }

    private static String renderFailover(FailoverPeer peer) {
        StringBuilder out = new StringBuilder(512);
        out.append("# Rendered by netbox-dhcpd: the failover declaration for the ")
                .append(peer.role().keyword())
                .append(".\n");
        peer.serverIdentifier()
                .ifPresent(id -> id.appendTo(out.append("server-identifier ")).append(";\n"));
        out.append("failover peer \"").append(peer.name()).append("\" {\n");
        line(out, peer.role().keyword());
        line(out, "address " + peer.address());
        line(out, "port " + peer.port());
        line(out, "peer address " + peer.peerAddress());
        line(out, "peer port " + peer.peerPort());
        line(out, "max-response-delay " + peer.maxResponseDelay());
        line(out, "max-unacked-updates " + peer.maxUnackedUpdates());
        line(out, "load balance max seconds " + peer.loadBalanceMaxSeconds());
        if (peer.role() == PeerRole.PRIMARY) {
            line(out, "mclt " + peer.mclt());
            line(out, "split " + peer.split());
        }
        out.append("}\n");
        return out.toString();
    }

    private static void line(StringBuilder out, String statement) {
        out.append(INDENT).append(statement).append(";\n");
    }
}
