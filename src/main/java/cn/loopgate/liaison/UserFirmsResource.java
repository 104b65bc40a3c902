package cn.loopgate.liaison;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.util.List;

/** The firms a liaison officer is named for (一企一专员). */
@Path("/users/{id}/firms")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "liaison assignments")
public class UserFirmsResource {

    @Inject
    LiaisonService liaisons;

    @GET
    public List<AssignedFirm> firms(@PathParam("id") long id) {
        return liaisons.firmsOf(id);
    }
}
