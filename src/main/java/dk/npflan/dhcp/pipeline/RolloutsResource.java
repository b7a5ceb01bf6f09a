package dk.npflan.dhcp.pipeline;

import dk.npflan.dhcp.webhook.Problem;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * {@code POST /rollouts/pause} and {@code POST /rollouts/resume}: the change freeze switch ({@link
 * RolloutSwitch}), guarded by the operator token like {@code POST /reconcile}.
 */
@Path("/rollouts")
@Tag(name = "reconcile")
public class RolloutsResource {

    private final RolloutSwitch rollouts;
    private final OperatorToken token;

    public RolloutsResource(RolloutSwitch rollouts, OperatorToken token) {
        this.rollouts = rollouts;
        this.token = token;
    }

    @POST
    @Path("pause")
    @Produces({MediaType.APPLICATION_JSON, Problem.MEDIA_TYPE})
    @Operation(
            summary = "Pause rollouts (change freeze)",
            description =
                    "From the next rollout on, on every replica: reconciles still render and check,"
                            + " nothing is published and no peer restarted until POST"
                            + " /rollouts/resume. A rollout under way finishes. Requires"
                            + " Authorization: Bearer <NETBOX_DHCPD_RECONCILE_TOKEN>.")
    @APIResponse(responseCode = "200", description = "Paused (or already paused)")
    @APIResponse(responseCode = "401", description = "Token missing, wrong, or none configured")
    public Response pause(
            @HeaderParam(HttpHeaders.AUTHORIZATION) String authorization,
            @Parameter(description = "Why, shown on /status and in the audit (200 characters)")
                    @QueryParam("note")
                    String note) {
        return token.refusal(authorization, "POST /rollouts/pause")
                .orElseGet(() -> Response.ok(rollouts.pause(note).body()).build());
    }

    @POST
    @Path("resume")
    @Produces({MediaType.APPLICATION_JSON, Problem.MEDIA_TYPE})
    @Operation(
            summary = "Resume rollouts",
            description =
                    "Ends the pause and queues a reconcile that rolls out what it withheld."
                            + " Requires Authorization: Bearer <NETBOX_DHCPD_RECONCILE_TOKEN>.")
    @APIResponse(responseCode = "200", description = "Resumed; the reconcile id is in the body")
    @APIResponse(responseCode = "401", description = "Token missing, wrong, or none configured")
    public Response resume(@HeaderParam(HttpHeaders.AUTHORIZATION) String authorization) {
        return token.refusal(authorization, "POST /rollouts/resume")
                .orElseGet(() -> Response.ok(rollouts.resume().body()).build());
    }
}
