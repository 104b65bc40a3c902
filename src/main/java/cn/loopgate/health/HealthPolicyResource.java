package cn.loopgate.health;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.util.List;

/** A park's health policy and its history. */
@Path("/parks/{parkId}/health-policy")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "health")
public class HealthPolicyResource {

    @Inject
    HealthService health;

    @GET
    @Operation(summary = "The park's health policy in force (the default when none was set)")
    public PolicyRow get(@PathParam("parkId") long parkId) {
        return health.policy(parkId);
    }

    @PUT
    @Operation(summary = "Set a new version of the park's health policy (administrators, the park's liaison officers)")
    public PolicyRow set(@PathParam("parkId") long parkId, PolicyData data) {
        return health.setPolicy(parkId, data);
    }

    @GET
    @Path("history")
    @Operation(summary = "Every version of the park's health policy, newest first")
    public List<PolicyRow> history(@PathParam("parkId") long parkId) {
        return health.policyHistory(parkId);
    }
}
