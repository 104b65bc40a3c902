package cn.loopgate.ops;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Runs personal-data retention for one park now (administrators; the daily run does the same). */
@Path("/parks/{id}/retention")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "parks")
public class RetentionResource {

    @Inject
    RetentionService retention;

    @POST
    public RetentionService.Outcome run(@PathParam("id") long id) {
        return retention.run(id);
    }
}
