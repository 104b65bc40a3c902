package cn.loopgate.whitelist;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Runs the missed-report suspension policy now (administrators: all parks; liaison officers: theirs). */
@Path("/suspension-policy")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "whitelist")
public class SuspensionResource {

    @Inject
    SuspensionPolicy policy;

    @POST
    @Path("evaluate")
    public SuspensionPolicy.Outcome evaluate() {
        return policy.evaluateNow();
    }
}
