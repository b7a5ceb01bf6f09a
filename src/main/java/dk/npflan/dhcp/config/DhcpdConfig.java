package dk.npflan.dhcp.config;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The whole desired dhcpd configuration as values: global statements, the always-present probe and
 * server-network subnets, the NetBox subnets in render order, and one failover declaration per
 * role.
 */
public record DhcpdConfig(
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

    public DhcpdConfig {
        subnets = List.copyOf(subnets);
        failover = Map.copyOf(failover);
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
