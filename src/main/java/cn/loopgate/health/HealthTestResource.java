package cn.loopgate.health;

import cn.loopgate.shared.persistence.Page;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.net.URI;

/** A firm's test records (firms' HR systems and testing sites push results here). */
@Path("/firms/{firmId}/health-tests")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "health")
public class HealthTestResource {

    /** The laboratory's answer to a pending test. */
    public record Resolution(TestResult result, Long version) {
    }

    @Inject
    HealthService health;

    @GET
    @Operation(summary = "The firm's tests, newest sample first (resident IDs masked)")
    public Page<HealthTestRow> list(@PathParam("firmId") long firmId, @QueryParam("workerId") Long workerId,
                                    @QueryParam("offset") Integer offset, @QueryParam("limit") Integer limit) {
        return health.tests(firmId, workerId, Page.clampOffset(offset), Page.clampLimit(limit));
    }

    @POST
    @Operation(summary = "Record a test of a worker (by workerId or residentId); a positive result suspends the worker's cards and opens an incident")
    public Response record(@PathParam("firmId") long firmId, HealthTestData data) {
        HealthTestRow r = health.record(firmId, data, HealthTest.Source.API);
        return Response.created(URI.create("firms/" + firmId + "/health-tests/" + r.id())).entity(r).build();
    }

    @PUT
    @Path("{id}")
    @Operation(summary = "Resolve a pending test with its result")
    public HealthTestRow resolve(@PathParam("firmId") long firmId, @PathParam("id") long id, Resolution body) {
        return health.resolve(firmId, id, body == null ? null : body.result(), body == null ? null : body.version());
    }
}
