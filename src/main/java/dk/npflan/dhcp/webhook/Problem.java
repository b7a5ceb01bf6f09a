package dk.npflan.dhcp.webhook;

import jakarta.ws.rs.core.Response;

/**
 * An RFC 9457 problem detail. Every error the HTTP API returns is one of these, with a detail a
 * human can act on and never a stack trace.
 */
public record Problem(String type, String title, int status, String detail) {

    public static final String MEDIA_TYPE = "application/problem+json";

    public static Problem of(Response.Status status, String slug, String detail) {
        return new Problem(
                "urn:netbox-dhcpd:problem:" + slug,
                status.getReasonPhrase(),
                status.getStatusCode(),
                detail);
    }

    public Response.ResponseBuilder toResponse() {
        return Response.status(status).type(MEDIA_TYPE).entity(this);
    }
}
