package dk.npflan.dhcp.netbox;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/**
 * The brief VLAN nested in a prefix: {@code {"id": 12, "vid": 42, "name": "clients"}}. Prefixes on
 * one VLAN share one link, so they render as one shared network. The name is untrusted text.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record Vlan(long id, int vid, String name) {}
