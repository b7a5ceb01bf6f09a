package dk.npflan.dhcp.netbox;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * A NetBox device interface as {@code /api/dcim/interfaces/} returns it, only what a host
 * reservation needs: its MAC. Up to NetBox 4.1 the MAC is the interface's own {@code mac_address};
 * from 4.2 MACs are objects of their own and the interface points at its primary one with {@code
 * primary_mac_address} (a nested object that carries the address), while {@code mac_address} stays
 * as a read-only copy of it.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record Interface(
        long id,
        String name,
        @JsonProperty("mac_address") String macAddress,
        @JsonProperty("primary_mac_address") MacRef primaryMacAddress,
        String url) {

    /** The nested MAC object of NetBox 4.2+: {@code {"id": 5, "mac_address": "…", …}}. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record MacRef(long id, @JsonProperty("mac_address") String macAddress) {}
}
