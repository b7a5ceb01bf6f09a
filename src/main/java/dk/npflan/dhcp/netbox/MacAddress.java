package dk.npflan.dhcp.netbox;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * A NetBox 4.2+ MAC address object as {@code /api/dcim/mac-addresses/} returns it. Live NetBox
 * never needs it (an interface's {@code primary_mac_address} already carries the address); an
 * inventory file may list them and let {@code primary_mac_address} name only the id.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record MacAddress(
        long id,
        @JsonProperty("mac_address") String macAddress,
        @JsonProperty("assigned_object_type") String assignedObjectType,
        @JsonProperty("assigned_object_id") Long assignedObjectId,
        String url) {}
