package dk.npflan.dhcp.pipeline;

import dk.npflan.dhcp.webhook.Problem;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.logging.Logger;

/**
 * {@code POST /reconcile}: a full reconcile now, e.g. after fixing NetBox; with {@code ?force=true}
 * it also confirms a config the sanity bound holds and retries a bundle held after a failure.
 * Bearer token from {@code NETBOX_DHCPD_RECONCILE_TOKEN} ({@link OperatorToken}).
 */
@Path("/reconcile")
@Tag(name = "reconcile")
public class ReconcileResource {

    private static final Logger LOG = Logger.getLogger(ReconcileResource.class);

    private final ReconcileLoop loop;
    private final OperatorToken token;

    public ReconcileResource(ReconcileLoop loop, OperatorToken token) {
        this.loop = loop;
        this.token = token;
    }

    @POST
    @Produces({MediaType.APPLICATION_JSON, Problem.MEDIA_TYPE})
    @Operation(
            summary = "Queue a full reconcile now",
            description =
                    "Runs as soon as the running reconcile (if any) ends and covers every pending"
                            + " event. Requires Authorization: Bearer <NETBOX_DHCPD_RECONCILE_TOKEN>.")
    @APIResponse(responseCode = "202", description = "Queued; follow it on /status or dhcp.audit")
    @APIResponse(responseCode = "401", description = "Token missing, wrong, or none configured")
    public Response reconcile(
            @HeaderParam(HttpHeaders.AUTHORIZATION) String authorization,
            @Parameter(
                            description =
                                    "Confirm a config held by the sanity bound, and roll out a"
                                            + " bundle held after a failure before its back-off"
                                            + " ends")
                    @QueryParam("force")
                    @DefaultValue("false")
                    boolean force) {
        Optional<Response> refused = token.refusal(authorization, "POST /reconcile");
        if (refused.isPresent()) {
            return refused.get();
        }
        String id = loop.requestManual(force);
        LOG.infof("reconcile %s requested by POST /reconcile (force=%s)", id, force);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("status", "queued");
        body.put("reconcileId", id);
        body.put("force", force);
        return Response.accepted(body).build();
    }
}
