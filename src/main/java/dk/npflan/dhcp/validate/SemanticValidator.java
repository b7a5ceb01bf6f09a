package dk.npflan.dhcp.validate;

import dk.npflan.dhcp.config.ConfigProblem;
import dk.npflan.dhcp.config.ConfigProblem.Kind;
import dk.npflan.dhcp.config.DhcpOption;
import dk.npflan.dhcp.config.DhcpOptions;
import dk.npflan.dhcp.config.Ipv4Address;
import dk.npflan.dhcp.config.Ipv4Network;
import dk.npflan.dhcp.config.NetBoxObject;
import dk.npflan.dhcp.config.Pool;
import dk.npflan.dhcp.config.ServerModel;
import dk.npflan.dhcp.config.Subnet;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.Supplier;

/**
 * Our own checks on the model, for everything {@code dhcpd -t} misses or reports badly
 * (docs/dhcpd.md, "Validation with dhcpd -t"): duplicate and overlapping subnets across all VRFs
 * (dhcpd has one address space), pools outside their subnet, reversed or overlapping, pools
 * covering the network, broadcast or router address, inconsistent options, a missing server-network
 * subnet and pools without the failover peer; host reservations by {@link ReservationRules}, the
 * options of a shared network's subnets by {@link SharedNetworkRules}. Pure and O(n log n), so it
 * runs on every rebuild. Every error names the NetBox object to fix.
 */
public final class SemanticValidator {

    public List<ConfigProblem> validate(ServerModel config) {
        List<ConfigProblem> errors = new ArrayList<>();
        if (config.serverNetwork().isEmpty()) {
            errors.add(
                    new ConfigProblem(
                            Kind.MISSING_SERVER_NETWORK,
                            NetBoxObject.setting("netbox-dhcpd.config.server-network.network", ""),
                            "no server-network subnet: dhcpd refuses to start without a subnet for its own interface"));
        }
        List<Subnet> subnets = config.allSubnets();
        overlappingSubnets(subnets, errors);
        String peerName = config.failover().values().iterator().next().name();
        for (Subnet subnet : subnets) {
            pools(subnet, peerName, errors);
            options(subnet, config.global(), errors);
            new ReservationRules(subnet).check(errors);
        }
        SharedNetworkRules.check(config.sharedNetworks(), errors);
        return errors;
    }

    private static void overlappingSubnets(List<Subnet> subnets, List<ConfigProblem> errors) {
        List<Subnet> sorted = new ArrayList<>(subnets);
        sorted.sort(Comparator.comparing(Subnet::network));
        Subnet widest = null;
        for (Subnet subnet : sorted) {
            if (widest != null
                    && subnet.network().network().value() <= widest.network().broadcast().value()) {
                boolean duplicate = subnet.network().equals(widest.network());
                errors.add(
                        new ConfigProblem(
                                duplicate ? Kind.DUPLICATE_SUBNET : Kind.OVERLAPPING_SUBNETS,
                                subnet.source(),
                                subnet.network()
                                        + (vrf(subnet))
                                        + (duplicate ? " duplicates " : " overlaps ")
                                        + widest.network()
                                        + vrf(widest)
                                        + " of "
                                        + widest.source()
                                        + " (dhcpd has one address space across VRFs)"));
            }
            if (widest == null
                    || subnet.network().broadcast().value()
                            > widest.network().broadcast().value()) {
                widest = subnet;
            }
        }
    }

    private static String vrf(Subnet subnet) {
        return subnet.source().type().equals(NetBoxObject.SETTING)
                ? ""
                : subnet.vrf().isEmpty() ? " (global)" : " (vrf " + subnet.vrf() + ")";
    }

    private static void pools(Subnet subnet, String peerName, List<ConfigProblem> errors) {
        Ipv4Network network = subnet.network();
        List<Pool> inside = new ArrayList<>();
        for (Pool pool : subnet.pools()) {
            NetBoxObject object = pool.range().orElse(subnet.source());
            Supplier<String> where =
                    () -> pool.start() + "-" + pool.end() + " in " + subnet.source();
            if (pool.failoverPeer() == null || !pool.failoverPeer().equals(peerName)) {
                errors.add(
                        new ConfigProblem(
                                Kind.POOL_WITHOUT_FAILOVER,
                                object,
                                "pool "
                                        + where.get()
                                        + " does not reference failover peer \""
                                        + peerName
                                        + "\""));
            }
            if (pool.start().compareTo(pool.end()) > 0) {
                errors.add(
                        new ConfigProblem(
                                Kind.RANGE_START_AFTER_END,
                                object,
                                "range " + where.get() + ": start is after end"));
            } else if (!network.contains(pool.start()) || !network.contains(pool.end())) {
                errors.add(
                        new ConfigProblem(
                                Kind.RANGE_OUTSIDE_SUBNET,
                                object,
                                "range " + where.get() + " is not inside " + network));
            } else {
                reserved(subnet, pool, object, where, errors);
                inside.add(pool);
            }
        }
        inside.sort(Comparator.comparing(Pool::start));
        for (int i = 1; i < inside.size(); i++) {
            Pool previous = inside.get(i - 1);
            Pool pool = inside.get(i);
            if (pool.start().compareTo(previous.end()) <= 0) {
                errors.add(
                        new ConfigProblem(
                                Kind.OVERLAPPING_RANGES,
                                pool.range().orElse(subnet.source()),
                                "range "
                                        + pool.start()
                                        + "-"
                                        + pool.end()
                                        + " overlaps range "
                                        + previous.start()
                                        + "-"
                                        + previous.end()
                                        + previous.range().map(r -> " of " + r).orElse("")
                                        + " in "
                                        + subnet.source()));
            }
        }
    }

    private static void reserved(
            Subnet subnet,
            Pool pool,
            NetBoxObject object,
            Supplier<String> where,
            List<ConfigProblem> errors) {
        List<String> covered = new ArrayList<>();
        if (covers(pool, subnet.network().network())) {
            covered.add("network address " + subnet.network().network());
        }
        if (covers(pool, subnet.network().broadcast())) {
            covered.add("broadcast address " + subnet.network().broadcast());
        }
        for (Ipv4Address router : subnet.options().routers()) {
            if (covers(pool, router)) {
                covered.add("router " + router);
            }
        }
        if (!covered.isEmpty()) {
            errors.add(
                    new ConfigProblem(
                            Kind.RANGE_COVERS_RESERVED_ADDRESS,
                            object,
                            "range "
                                    + where.get()
                                    + " covers the "
                                    + String.join(", the ", covered)));
        }
    }

    private static boolean covers(Pool pool, Ipv4Address address) {
        return pool.start().compareTo(address) <= 0 && address.compareTo(pool.end()) <= 0;
    }

    /** A router outside the subnet is unreachable for its clients (a pool's too). */
    private static void routersInside(
            Subnet subnet,
            List<Ipv4Address> routers,
            NetBoxObject source,
            List<ConfigProblem> errors) {
        for (Ipv4Address router : routers) {
            if (!subnet.network().contains(router)) {
                errors.add(
                        new ConfigProblem(
                                Kind.INVALID_OPTION,
                                source,
                                "router " + router + " is not inside " + subnet.network()));
            }
        }
    }

    private static void options(Subnet subnet, DhcpOptions global, List<ConfigProblem> errors) {
        DhcpOptions options = subnet.options();
        routersInside(subnet, options.routers(), subnet.source(), errors);
        for (Pool pool : subnet.pools()) {
            for (DhcpOption option : pool.options()) {
                if (option.option().dhcpdName().equals("routers")) {
                    List<Ipv4Address> routers =
                            option.items().stream()
                                    .map(item -> Ipv4Address.parse(item).orElseThrow())
                                    .toList();
                    routersInside(subnet, routers, pool.range().orElse(subnet.source()), errors);
                }
            }
        }
        long defaultLease = options.defaultLeaseTime().or(global::defaultLeaseTime).orElse(0L);
        long maxLease = options.maxLeaseTime().or(global::maxLeaseTime).orElse(Long.MAX_VALUE);
        if (defaultLease > maxLease) {
            errors.add(
                    new ConfigProblem(
                            Kind.INVALID_OPTION,
                            subnet.source(),
                            "default-lease-time "
                                    + defaultLease
                                    + " exceeds max-lease-time "
                                    + maxLease));
        }
    }
}
