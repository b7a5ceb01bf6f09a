package dk.npflan.dhcp.netbox;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/** A tag as nested in REST objects. Selection matches on {@link #slug()}. */
@JsonIgnoreProperties(ignoreUnknown = true)
public record Tag(long id, String name, String slug) {}
