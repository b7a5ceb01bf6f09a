package dk.npflan.dhcp.netbox;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/**
 * One consistent snapshot of what NetBox holds for DHCP: the prefixes and IP ranges, and for host
 * reservations the IP addresses, interfaces and MAC objects, each exactly as the REST endpoints
 * return them in {@code results}. This is also the format of the offline {@code --inventory FILE}:
 * {@code {"prefixes": [...], "ip_ranges": [...], "ip_addresses": [...], "interfaces": [...],
 * "mac_addresses": [...]}}; a list that is absent is empty, so files from before reservations stay
 * valid.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record Inventory(
        List<Prefix> prefixes,
        @JsonProperty("ip_ranges") List<IpRange> ipRanges,
        @JsonProperty("ip_addresses") List<IpAddress> ipAddresses,
        List<Interface> interfaces,
        @JsonProperty("mac_addresses") List<MacAddress> macAddresses) {

    @JsonCreator
    public Inventory {
        prefixes = prefixes == null ? List.of() : List.copyOf(prefixes);
        ipRanges = ipRanges == null ? List.of() : List.copyOf(ipRanges);
        ipAddresses = ipAddresses == null ? List.of() : List.copyOf(ipAddresses);
        interfaces = interfaces == null ? List.of() : List.copyOf(interfaces);
        macAddresses = macAddresses == null ? List.of() : List.copyOf(macAddresses);
    }

    /** Prefixes and ranges only: no host reservations. */
    public Inventory(List<Prefix> prefixes, List<IpRange> ipRanges) {
        this(prefixes, ipRanges, List.of(), List.of(), List.of());
    }

    /** The objects host reservations are made from. */
    public HostInventory hosts() {
        return new HostInventory(ipAddresses, interfaces, macAddresses);
    }
}
