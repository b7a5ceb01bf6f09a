package dk.npflan.dhcp.config;

import com.fasterxml.jackson.databind.JsonNode;
import dk.npflan.dhcp.netbox.HostInventory;
import dk.npflan.dhcp.netbox.IpAddress;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Turns NetBox IP addresses into host reservations of the subnets they fall in. An address is
 * placed in the selected subnet of the same VRF that contains it (others are not ours and are left
 * alone); its MAC is the custom field when set, else the primary MAC of the device interface it is
 * assigned to, in any NetBox version's shape ({@link HostInventory#primaryMacByInterface}). An
 * address without a MAC is reported; a malformed MAC or host name is an error naming the IP
 * address. Pure: values in, values out.
 */
final class ReservationPlacer {

    /**
     * NetBox's own {@code dns_name} rule (labels of letters, digits, {@code _}, {@code -}) without
     * its wildcard, at most 253 characters; a trailing dot is dropped before the check.
     */
    private static final Pattern HOST_NAME =
            Pattern.compile("(?=.{1,253}$)[0-9A-Za-z_-]{1,63}(\\.[0-9A-Za-z_-]{1,63})*");

    private final String macField;

    /** One selected subnet and the VRF it belongs to. */
    record Placed(long vrfKey, Subnet subnet) {}

    ReservationPlacer(String macField) {
        this.macField = macField;
    }

    /** The subnets with their reservations, in the order given. */
    List<Subnet> place(List<Placed> subnets, HostInventory hosts, List<ConfigProblem> problems) {
        if (hosts.ipAddresses().isEmpty()) {
            return subnets.stream().map(Placed::subnet).toList();
        }
        Map<Long, List<Integer>> byVrf = new HashMap<>();
        for (int i = 0; i < subnets.size(); i++) {
            byVrf.computeIfAbsent(subnets.get(i).vrfKey(), k -> new ArrayList<>()).add(i);
        }
        Comparator<Integer> byNetwork =
                Comparator.comparing(i -> subnets.get(i).subnet().network());
        byVrf.values().forEach(list -> list.sort(byNetwork));

        Map<Long, String> macs = hosts.primaryMacByInterface();
        List<List<Reservation>> reservations = new ArrayList<>(subnets.size());
        subnets.forEach(s -> reservations.add(new ArrayList<>()));
        for (IpAddress ip : hosts.ipAddresses()) {
            Optional<Ipv4Address> address = Ipv4Address.parse(stripMask(ip.address()));
            if (address.isEmpty()) {
                continue; // IPv6, or not an address: never in a selected IPv4 subnet
            }
            List<Integer> candidates = byVrf.get(vrfKey(ip));
            Optional<Integer> index = containing(candidates, subnets, address.get());
            if (index.isEmpty()) {
                continue;
            }
            reservation(ip, address.get(), macs, problems)
                    .ifPresent(r -> reservations.get(index.get()).add(r));
        }
        List<Subnet> out = new ArrayList<>(subnets.size());
        for (int i = 0; i < subnets.size(); i++) {
            List<Reservation> list = reservations.get(i);
            list.sort(
                    Comparator.comparing(Reservation::address)
                            .thenComparingLong(r -> r.source().id()));
            Subnet subnet = subnets.get(i).subnet();
            out.add(list.isEmpty() ? subnet : subnet.withReservations(list));
        }
        return out;
    }

    private Optional<Reservation> reservation(
            IpAddress ip,
            Ipv4Address address,
            Map<Long, String> macs,
            List<ConfigProblem> problems) {
        NetBoxObject source = NetBoxObject.of(ip);
        JsonNode field = ip.customFields().get(macField);
        String macText;
        String from;
        if (field != null && field.isTextual() && !field.asText().isBlank()) {
            macText = field.asText();
            from = "custom field " + macField;
        } else if (field != null && !field.isNull() && !field.isTextual()) {
            problems.add(
                    new ConfigProblem(
                            ConfigProblem.Kind.INVALID_MAC,
                            source,
                            "custom field "
                                    + macField
                                    + " is not a MAC address: "
                                    + OptionValueParser.quote(field.toString())));
            return Optional.empty();
        } else {
            macText = ip.deviceInterfaceId().map(macs::get).orElse(null);
            from = "the primary MAC of interface " + ip.assignedObjectId();
        }
        if (macText == null) {
            problems.add(
                    new ConfigProblem(
                            ConfigProblem.Kind.RESERVATION_WITHOUT_MAC,
                            source,
                            "no MAC: neither custom field "
                                    + macField
                                    + " nor a MAC on an assigned device interface; not reserved"));
            return Optional.empty();
        }
        Optional<MacAddress> mac = MacAddress.parse(macText);
        if (mac.isEmpty()) {
            problems.add(
                    new ConfigProblem(
                            ConfigProblem.Kind.INVALID_MAC,
                            source,
                            from + " is not a MAC address: " + OptionValueParser.quote(macText)));
            return Optional.empty();
        }
        Optional<String> hostName = hostName(ip, source, problems);
        if (hostName == null) {
            return Optional.empty();
        }
        return Optional.of(new Reservation(address, mac.get(), hostName, source));
    }

    /** The checked host name, empty when there is none, {@code null} when it is refused. */
    private static Optional<String> hostName(
            IpAddress ip, NetBoxObject source, List<ConfigProblem> problems) {
        String name = ip.dnsName();
        if (name == null || name.isBlank()) {
            return Optional.empty();
        }
        String trimmed = name.endsWith(".") ? name.substring(0, name.length() - 1) : name;
        if (!HOST_NAME.matcher(trimmed).matches()) {
            problems.add(
                    new ConfigProblem(
                            ConfigProblem.Kind.INVALID_HOST_NAME,
                            source,
                            "dns_name is not a host name: " + OptionValueParser.quote(name)));
            return null;
        }
        return Optional.of(trimmed);
    }

    private static Optional<Integer> containing(
            List<Integer> sorted, List<Placed> subnets, Ipv4Address address) {
        if (sorted == null) {
            return Optional.empty();
        }
        int lo = 0;
        int hi = sorted.size() - 1;
        int found = -1;
        while (lo <= hi) { // the last subnet that starts at or below the address
            int mid = (lo + hi) >>> 1;
            if (subnets.get(sorted.get(mid)).subnet().network().network().compareTo(address) <= 0) {
                found = mid;
                lo = mid + 1;
            } else {
                hi = mid - 1;
            }
        }
        // selected subnets may overlap (an error reported elsewhere): look back a little
        for (int i = found; i >= 0 && i > found - 8; i--) {
            Subnet subnet = subnets.get(sorted.get(i)).subnet();
            if (subnet.network().contains(address)) {
                return Optional.of(sorted.get(i));
            }
        }
        return Optional.empty();
    }

    private static long vrfKey(IpAddress ip) {
        return ip.vrf() == null ? -1 : ip.vrf().id();
    }

    private static String stripMask(String address) {
        if (address == null) {
            return "";
        }
        int slash = address.indexOf('/');
        return slash < 0 ? address : address.substring(0, slash);
    }
}
