package cn.loopgate.health;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.util.List;

/** Outbreak incidents (追阳断链) and the lifting of health holds. */
@Path("/")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "health")
public class IncidentResource {

    @Inject
    OutbreakService outbreak;

    @GET
    @Path("health-incidents")
    @Operation(summary = "Incidents in the caller's scope, newest first")
    public List<IncidentRow> list(@QueryParam("status") HealthIncident.Status status) {
        return outbreak.incidents(status);
    }

    @GET
    @Path("health-incidents/{id}")
    @Operation(summary = "An incident with the people, vehicles and gate scans to trace")
    public IncidentDetail get(@PathParam("id") long id) {
        return outbreak.incident(id);
    }

    @POST
    @Path("health-incidents/{id}/acknowledge")
    @Operation(summary = "Acknowledge an incident (the park's liaison officers)")
    public IncidentDetail acknowledge(@PathParam("id") long id, IncidentData body) {
        return outbreak.acknowledge(id, body == null ? null : body.version());
    }

    @POST
    @Path("health-incidents/{id}/actions")
    @Operation(summary = "Record an action taken on an incident")
    public IncidentDetail act(@PathParam("id") long id, IncidentData body) {
        return outbreak.act(id, body);
    }

    @POST
    @Path("health-incidents/{id}/close")
    @Operation(summary = "Close an acknowledged incident with a note")
    public IncidentDetail close(@PathParam("id") long id, IncidentData body) {
        return outbreak.close(id, body);
    }

    @POST
    @Path("health-holds/{id}/lift")
    @Operation(summary = "Lift a health hold (the park's liaison officers), with a reason")
    public HoldRow lift(@PathParam("id") long id, IncidentData body) {
        return outbreak.lift(id, body);
    }
}
