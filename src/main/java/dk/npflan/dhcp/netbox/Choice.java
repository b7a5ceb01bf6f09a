package dk.npflan.dhcp.netbox;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/**
 * A NetBox choice field as the REST API renders it: {@code {"value": "active", "label": "Active"}}.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record Choice(String value, String label) {}
