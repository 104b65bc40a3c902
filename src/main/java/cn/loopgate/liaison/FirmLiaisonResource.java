package cn.loopgate.liaison;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** One firm's named liaison officer: read by whoever may read the firm, set by administrators and park-wide officers. */
@Path("/firms/{id}/liaison")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "liaison assignments")
public class FirmLiaisonResource {

    @Inject
    LiaisonService liaisons;

    /** The body: {@code {"liaisonUserId": 42}}, or null / absent to take the firm's officer away. */
    public record Body(Long liaisonUserId) {
    }

    @GET
    public AssignedFirm get(@PathParam("id") long id) {
        return liaisons.firm(id);
    }

    @PUT
    public AssignedFirm put(@PathParam("id") long id, Body body) {
        return liaisons.assignOne(id, body == null ? null : body.liaisonUserId());
    }
}
