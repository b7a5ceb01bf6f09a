package dk.npflan.dhcp.pipeline;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** {@code GET /status}: the pipeline and the pair at a glance, for scripts and dashboards. */
@Path("/status")
@Tag(name = "status")
public class StatusResource {

    private final StatusView view;

    public StatusResource(StatusView view) {
        this.view = view;
    }

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(
            summary =
                    "Published hash, peers, last reconcile and rollout, last diff, pending events",
            description =
                    "peers[] carries role, runningHash, mountedHash, localState, partnerState and"
                            + " ready as the agents report them; lastRollout.steps is the timeline"
                            + " of the last rollout; held is the config the sanity bound holds, if"
                            + " any; paused is the pause (since, note) and heldBundle the bundle held"
                            + " after it rolled back or halted (hash, cause, reason, failures,"
                            + " retryAt). Unauthenticated: it carries no secret.")
    public Map<String, Object> status() {
        return view.build();
    }
}
