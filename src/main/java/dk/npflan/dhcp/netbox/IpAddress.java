package dk.npflan.dhcp.netbox;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;
import java.util.Optional;

/**
 * A NetBox IP address as {@code /api/ipam/ip-addresses/} returns it (only the fields we use), the
 * same in 3.7 and every 4.x. It has no MAC of its own: a host reservation takes it from a custom
 * field or from the interface it is assigned to ({@code assigned_object_type}/{@code
 * assigned_object_id}). {@code dns_name} and custom-field strings are untrusted user input.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record IpAddress(
        long id,
        String address,
        Vrf vrf,
        Choice status,
        @JsonProperty("dns_name") String dnsName,
        @JsonProperty("assigned_object_type") String assignedObjectType,
        @JsonProperty("assigned_object_id") Long assignedObjectId,
        @JsonProperty("custom_fields") Map<String, JsonNode> customFields,
        String url,
        @JsonProperty("display_url") String displayUrl) {

    /** The object type of a device interface, as {@code assigned_object_type} names it. */
    public static final String DEVICE_INTERFACE = "dcim.interface";

    public IpAddress {
        customFields = customFields == null ? Map.of() : customFields;
    }

    public String statusValue() {
        return status == null ? null : status.value();
    }

    /** The id of the device interface the address is assigned to, if it is assigned to one. */
    public Optional<Long> deviceInterfaceId() {
        return DEVICE_INTERFACE.equals(assignedObjectType) && assignedObjectId != null
                ? Optional.of(assignedObjectId)
                : Optional.empty();
    }
}
