package dk.npflan.dhcp.netbox;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The NetBox objects host reservations are made from: the IP addresses with a reservation status,
 * the device interfaces they are assigned to and (NetBox 4.2+, inventory files) MAC objects. It
 * answers the one question the model asks of the interfaces: the primary MAC of interface N, in
 * whichever NetBox version's shape it came.
 */
public record HostInventory(
        List<IpAddress> ipAddresses, List<Interface> interfaces, List<MacAddress> macAddresses) {

    public HostInventory {
        ipAddresses = ipAddresses == null ? List.of() : List.copyOf(ipAddresses);
        interfaces = interfaces == null ? List.of() : List.copyOf(interfaces);
        macAddresses = macAddresses == null ? List.of() : List.copyOf(macAddresses);
    }

    public static HostInventory empty() {
        return new HostInventory(List.of(), List.of(), List.of());
    }

    /**
     * A lookup of each interface's primary MAC as NetBox wrote it (not yet checked): 4.2+ {@code
     * primary_mac_address} (its nested address, else the MAC object it names), else the pre-4.2
     * {@code mac_address}.
     */
    public Map<Long, String> primaryMacByInterface() {
        Map<Long, String> macById = new HashMap<>();
        for (MacAddress mac : macAddresses) {
            if (mac.macAddress() != null) {
                macById.put(mac.id(), mac.macAddress());
            }
        }
        Map<Long, String> byInterface = new HashMap<>();
        for (Interface iface : interfaces) {
            primaryMac(iface, macById).ifPresent(mac -> byInterface.put(iface.id(), mac));
        }
        return byInterface;
    }

    private static Optional<String> primaryMac(Interface iface, Map<Long, String> macById) {
        Interface.MacRef primary = iface.primaryMacAddress();
        if (primary != null) {
            if (primary.macAddress() != null && !primary.macAddress().isBlank()) {
                return Optional.of(primary.macAddress());
            }
            Optional<String> object = Optional.ofNullable(macById.get(primary.id()));
            if (object.isPresent()) {
                return object;
            }
        }
        return Optional.ofNullable(iface.macAddress()).filter(m -> !m.isBlank());
    }
}
