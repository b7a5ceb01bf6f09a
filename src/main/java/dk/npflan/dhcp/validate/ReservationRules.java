package dk.npflan.dhcp.validate;

import dk.npflan.dhcp.config.ConfigProblem;
import dk.npflan.dhcp.config.ConfigProblem.Kind;
import dk.npflan.dhcp.config.Ipv4Address;
import dk.npflan.dhcp.config.MacAddress;
import dk.npflan.dhcp.config.Pool;
import dk.npflan.dhcp.config.Reservation;
import dk.npflan.dhcp.config.Subnet;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The checks on one subnet's host reservations, each naming the NetBox IP address to fix: inside
 * the subnet and not its network, broadcast or router address; one reservation per address and per
 * MAC in the subnet (a client is one MAC on one network); and never inside a dynamic pool. dhcpd's
 * failover pools may not hold a fixed address (both peers would hand it out); Kea would accept one,
 * but the same NetBox data must be valid for either backend, so both refuse it.
 */
final class ReservationRules {

    private final Subnet subnet;

    ReservationRules(Subnet subnet) {
        this.subnet = subnet;
    }

    void check(List<ConfigProblem> errors) {
        if (subnet.reservations().isEmpty()) {
            return;
        }
        List<Pool> pools = new ArrayList<>(subnet.pools());
        pools.sort(Comparator.comparing(Pool::start));
        Map<Ipv4Address, Reservation> byAddress = new HashMap<>();
        Map<MacAddress, Reservation> byMac = new HashMap<>();
        for (Reservation r : subnet.reservations()) {
            if (!subnet.network().contains(r.address())) {
                errors.add(
                        new ConfigProblem(
                                Kind.RESERVATION_OUTSIDE_SUBNET,
                                r.source(),
                                r.address() + " is not inside " + where()));
                continue;
            }
            reservedAddress(r).ifPresent(what -> errors.add(onReserved(r, what)));
            Reservation sameAddress = byAddress.putIfAbsent(r.address(), r);
            if (sameAddress != null) {
                errors.add(
                        new ConfigProblem(
                                Kind.DUPLICATE_RESERVATION_ADDRESS,
                                r.source(),
                                r.address()
                                        + " is reserved twice in "
                                        + where()
                                        + ": also by "
                                        + sameAddress.source()));
            }
            Reservation sameMac = byMac.putIfAbsent(r.mac(), r);
            if (sameMac != null) {
                errors.add(
                        new ConfigProblem(
                                Kind.DUPLICATE_RESERVATION_MAC,
                                r.source(),
                                "MAC "
                                        + r.mac()
                                        + " has two reservations in "
                                        + where()
                                        + ": "
                                        + r.address()
                                        + " and "
                                        + sameMac.address()
                                        + " of "
                                        + sameMac.source()));
            }
            pool(pools, r.address())
                    .ifPresent(
                            pool ->
                                    errors.add(
                                            new ConfigProblem(
                                                    Kind.RESERVATION_IN_POOL,
                                                    r.source(),
                                                    r.address()
                                                            + " lies in the dynamic pool "
                                                            + pool.start()
                                                            + "-"
                                                            + pool.end()
                                                            + pool.range()
                                                                    .map(o -> " of " + o)
                                                                    .orElse(" (default pool)")
                                                            + " in "
                                                            + where()
                                                            + ": a fixed address must be outside"
                                                            + " the pools")));
        }
    }

    private String where() {
        return subnet.network() + " of " + subnet.source();
    }

    private Optional<String> reservedAddress(Reservation r) {
        if (r.address().equals(subnet.network().network())) {
            return Optional.of("network address");
        }
        if (r.address().equals(subnet.network().broadcast())) {
            return Optional.of("broadcast address");
        }
        if (subnet.options().routers().contains(r.address())) {
            return Optional.of("router address");
        }
        return Optional.empty();
    }

    private ConfigProblem onReserved(Reservation r, String what) {
        return new ConfigProblem(
                Kind.RESERVATION_ON_RESERVED_ADDRESS,
                r.source(),
                r.address() + " is the " + what + " of " + where());
    }

    /** The pool holding the address, by binary search over pools sorted by start. */
    private static Optional<Pool> pool(List<Pool> sorted, Ipv4Address address) {
        int lo = 0;
        int hi = sorted.size() - 1;
        while (lo <= hi) {
            int mid = (lo + hi) >>> 1;
            Pool pool = sorted.get(mid);
            if (pool.end().compareTo(address) < 0) {
                lo = mid + 1;
            } else if (pool.start().compareTo(address) > 0) {
                hi = mid - 1;
            } else {
                return Optional.of(pool);
            }
        }
        return Optional.empty();
    }
}
