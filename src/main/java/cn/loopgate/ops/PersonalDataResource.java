package cn.loopgate.ops;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * The keys of the sealed resident IDs (administrators): how many values each key holds, and the
 * rotation that re-seals them under the active key (docs/security.md, "Personal data at rest").
 */
@Path("/personal-data/keys")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "administration")
public class PersonalDataResource {

    @Inject
    PersonalDataRotationService rotation;

    @GET
    public PersonalDataRotationService.Status status() {
        return rotation.status();
    }

    /** Re-seals every value under the active key; {@code reindex=true} also recomputes the blind indexes. */
    @POST
    @Path("rotation")
    public PersonalDataRotationService.Outcome rotate(@QueryParam("reindex") Boolean reindex) {
        return rotation.rotate(Boolean.TRUE.equals(reindex));
    }
}
