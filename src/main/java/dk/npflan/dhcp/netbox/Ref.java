package dk.npflan.dhcp.netbox;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/**
 * A brief nested object with a slug, such as a role: {@code {"id": 3, "name": "Access", "slug":
 * "access"}}.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record Ref(long id, String name, String slug) {}
