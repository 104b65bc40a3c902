package cn.loopgate.account;

import cn.loopgate.identity.UserAccount;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * The first administrator without a browser (e.g. an installer script): unauthenticated by web.xml, it
 * needs the one-time token from the log and answers 409 once an administrator exists.
 */
@Path("/public/setup")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "users")
public class SetupResource {

    @Inject
    FirstAdministrator setup;

    public record Created(long id, String username) {
    }

    @POST
    @Operation(summary = "Create the first administrator with the set-up token printed in the log")
    public Response create(SetupData data) {
        UserAccount u = setup.create(data);
        return Response.status(Response.Status.CREATED).entity(new Created(u.getId(), u.getUsername())).build();
    }
}
