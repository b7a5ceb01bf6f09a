package dk.npflan.dhcp.netbox;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Map;

/**
 * A NetBox IP range as {@code /api/ipam/ip-ranges/} returns it. Start and end carry the mask
 * ({@code 10.42.16.100/24}); NetBox has no link to a prefix, so ranges are matched by containment
 * within the same VRF.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record IpRange(
        long id,
        @JsonProperty("start_address") String startAddress,
        @JsonProperty("end_address") String endAddress,
        Vrf vrf,
        Choice status,
        Ref role,
        List<Tag> tags,
        @JsonProperty("custom_fields") Map<String, JsonNode> customFields,
        String description,
        String url,
        @JsonProperty("display_url") String displayUrl) {

    public IpRange {
        tags = tags == null ? List.of() : List.copyOf(tags);
        customFields = customFields == null ? Map.of() : customFields;
    }

    public String statusValue() {
        return status == null ? null : status.value();
    }
}
