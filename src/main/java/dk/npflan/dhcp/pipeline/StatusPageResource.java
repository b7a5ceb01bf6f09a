package dk.npflan.dhcp.pipeline;

import io.quarkus.qute.Location;
import io.quarkus.qute.Template;
import io.quarkus.qute.TemplateInstance;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * {@code GET /}: the status document as a small server-side HTML page (Qute, no JavaScript): peers
 * and their failover states, the last rollout as a timeline of steps, the last diff, a hold in
 * force.
 */
@Path("/")
@Tag(name = "status")
public class StatusPageResource {

    private final StatusView view;
    private final Template page;

    public StatusPageResource(StatusView view, @Location("status-page.html") Template page) {
        this.view = view;
        this.page = page;
    }

    @GET
    @Produces(MediaType.TEXT_HTML)
    @Operation(summary = "Status page (HTML): peers, last rollout timeline, last diff")
    public TemplateInstance page() {
        return page.data("status", view.build());
    }
}
