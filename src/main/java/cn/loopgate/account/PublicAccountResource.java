package cn.loopgate.account;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * What a person who cannot sign in yet may do (unauthenticated by web.xml): use an activation or reset
 * link, and ask for a reset link — answered 202 whether or not the account exists.
 */
@Path("/public/accounts")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "users")
public class PublicAccountResource {

    @Inject
    AccountService accounts;

    public record Activated(String username) {
    }

    @POST
    @Path("activation")
    public Activated activate(Activation activation) {
        return new Activated(accounts.activate(activation));
    }

    @POST
    @Path("password-reset")
    public Response requestReset(ResetRequest request) {
        accounts.requestReset(request);
        return Response.accepted().build();
    }
}
