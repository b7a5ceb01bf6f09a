package dk.npflan.dhcp.netbox;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/**
 * One consistent snapshot of what NetBox holds for DHCP: the prefixes and IP ranges, each exactly
 * as the REST endpoints return them in {@code results}. This is also the format of the offline
 * {@code --inventory FILE}: {@code {"prefixes": [...], "ip_ranges": [...]}}.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record Inventory(List<Prefix> prefixes, @JsonProperty("ip_ranges") List<IpRange> ipRanges) {

    public Inventory {
        prefixes = prefixes == null ? List.of() : List.copyOf(prefixes);
        ipRanges = ipRanges == null ? List.of() : List.copyOf(ipRanges);
    }
}
