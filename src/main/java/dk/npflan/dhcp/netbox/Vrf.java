package dk.npflan.dhcp.netbox;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/** The brief VRF object nested in prefixes and ranges. A null VRF means NetBox's global table. */
@JsonIgnoreProperties(ignoreUnknown = true)
public record Vrf(long id, String name, String rd) {}
