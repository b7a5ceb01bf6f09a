package dk.npflan.dhcp.webhook;

import io.quarkus.arc.properties.IfBuildProperty;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/**
 * Benchmark baseline only: reads the body and answers 202 without checking or publishing anything,
 * so {@code docs/benchmarks.md} can state the real intake's cost as a ratio to the same server's
 * floor. Built in only with {@code -Dnetbox-dhcpd.bench.endpoints=true}; never part of a normal
 * build.
 */
@Path("/bench/accept")
@IfBuildProperty(name = "netbox-dhcpd.bench.endpoints", stringValue = "true")
public class BareAcceptResource {

    @POST
    @Consumes(MediaType.WILDCARD)
    public Response accept(byte[] body) {
        return Response.accepted().build();
    }
}
