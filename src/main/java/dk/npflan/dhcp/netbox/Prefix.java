package dk.npflan.dhcp.netbox;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Map;

/**
 * A NetBox prefix exactly as {@code /api/ipam/prefixes/} returns it (only the fields we use).
 * Free-text fields ({@code description}, custom-field strings, the VLAN name) are untrusted user
 * input; {@code vlan} is null when the prefix is on no VLAN.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record Prefix(
        long id,
        String prefix,
        Vrf vrf,
        Choice status,
        Ref role,
        List<Tag> tags,
        @JsonProperty("custom_fields") Map<String, JsonNode> customFields,
        String description,
        String url,
        @JsonProperty("display_url") String displayUrl,
        Vlan vlan) {

    public Prefix {
        tags = tags == null ? List.of() : List.copyOf(tags);
        customFields = customFields == null ? Map.of() : customFields;
    }

    /** A prefix on no VLAN. */
    public Prefix(
            long id,
            String prefix,
            Vrf vrf,
            Choice status,
            Ref role,
            List<Tag> tags,
            Map<String, JsonNode> customFields,
            String description,
            String url,
            String displayUrl) {
        this(id, prefix, vrf, status, role, tags, customFields, description, url, displayUrl, null);
    }

    /** IPv6 prefixes are skipped (and reported) until DHCPv6 exists. */
    public boolean isIpv4() {
        return prefix != null && !prefix.contains(":");
    }

    public String statusValue() {
        return status == null ? null : status.value();
    }
}
