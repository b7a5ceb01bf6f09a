package dk.npflan.dhcp.config;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The whole desired server configuration as values, before any backend renders it: global options,
 * the always-present probe and server-network subnets, the NetBox subnets in render order, and the
 * pair's roles. Every backend renders the subnets, pools and options; the OMAPI and
 * failover-declaration fields are read by the dhcpd renderer only.
 */
public record ServerModel(
        DhcpOptions global,
        boolean authoritative,
        boolean pingCheck,
        int omapiPort,
        String omapiKeyName,
        String omapiKeyInclude,
        String failoverInclude,
        Optional<Subnet> serverNetwork,
        Subnet probe,
        List<Subnet> subnets,
        Map<PeerRole, FailoverPeer> failover) {

    public ServerModel {
        subnets = List.copyOf(subnets);
        failover = Map.copyOf(failover);
    }

    /**
     * The shared networks by name, in the order of their first subnet, each with its subnets in
     * render order. Subnets on a link of their own are not in it.
     */
    public Map<String, List<Subnet>> sharedNetworks() {
        Map<String, List<Subnet>> networks = new LinkedHashMap<>();
        for (Subnet subnet : subnets) {
            subnet.sharedNetwork()
                    .ifPresent(
                            name ->
                                    networks.computeIfAbsent(name, k -> new ArrayList<>())
                                            .add(subnet));
        }
        return networks;
    }

    /** Every subnet that will be rendered: server network, probe, then the NetBox subnets. */
    public List<Subnet> allSubnets() {
        List<Subnet> all = new ArrayList<>(subnets.size() + 2);
        serverNetwork.ifPresent(all::add);
        all.add(probe);
        all.addAll(subnets);
        return all;
    }
}
