package dk.npflan.dhcp.webhook;

import jakarta.ws.rs.NotSupportedException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.Response.Status;
import jakarta.ws.rs.core.UriInfo;
import java.util.Locale;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/**
 * Turns errors that the REST layer raises before our resource runs (an unparseable Content-Type, an
 * unknown path or method) and anything unexpected into RFC 9457 problem+json, so no client ever
 * sees an HTML page or a stack trace.
 */
public class ProblemMappers {

    private static final Logger LOG = Logger.getLogger(ProblemMappers.class);

    private final WebhookMetrics metrics;

    public ProblemMappers(WebhookMetrics metrics) {
        this.metrics = metrics;
    }

    @ServerExceptionMapper
    public Response unsupportedMediaType(NotSupportedException e, UriInfo uri) {
        if (uri.getPath().startsWith("/webhooks/netbox")) {
            metrics.record(metrics.start(), WebhookResult.UNSUPPORTED_MEDIA_TYPE, null);
        }
        return Problem.of(
                        Status.UNSUPPORTED_MEDIA_TYPE,
                        "unsupported-media-type",
                        "Content-Type must be application/json")
                .toResponse()
                .build();
    }

    @ServerExceptionMapper
    public Response webApplication(WebApplicationException e) {
        Response.StatusType status = e.getResponse().getStatusInfo();
        String slug = status.getReasonPhrase().toLowerCase(Locale.ROOT).replace(' ', '-');
        return new Problem(
                        "urn:netbox-dhcpd:problem:" + slug,
                        status.getReasonPhrase(),
                        status.getStatusCode(),
                        "the request was refused: " + status.getReasonPhrase())
                .toResponse()
                .build();
    }

    @ServerExceptionMapper
    public Response unexpected(RuntimeException e) {
        LOG.error("unexpected error while answering a request", e);
        return Problem.of(
                        Status.INTERNAL_SERVER_ERROR,
                        "internal-error",
                        "an unexpected error occurred; the service log has the details")
                .toResponse()
                .build();
    }
}
