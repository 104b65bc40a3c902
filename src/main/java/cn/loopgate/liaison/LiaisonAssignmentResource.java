package cn.loopgate.liaison;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.util.List;

/** Bulk reassignment: {@code {"firmIds": [..], "liaisonUserId": 42}} (null takes the firms' officer away). */
@Path("/liaison-assignments")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "liaison assignments")
public class LiaisonAssignmentResource {

    @Inject
    LiaisonService liaisons;

    @POST
    public Assigned assign(AssignmentData data) {
        return liaisons.assign(data);
    }

    /** The liaison officers the caller may assign firms to, filtered by name or username ({@code q}). */
    @GET
    @Path("liaisons")
    public List<LiaisonOption> liaisons(@QueryParam("q") String text) {
        return liaisons.liaisons(text);
    }
}
