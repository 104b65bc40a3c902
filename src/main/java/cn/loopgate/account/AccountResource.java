package cn.loopgate.account;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * One account's password and state, for administrators (any account) and liaison officers (the managers of
 * their parks' firms): a new activation link, disabling, enabling.
 */
@Path("/accounts/{userId}")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "users")
public class AccountResource {

    @Inject
    AccountService accounts;

    public record State(long id, String username, boolean enabled) {
    }

    /** The password stops working at once; the link goes by mail/SMS, or comes back here when no channel can carry it. */
    @POST
    @Path("reset")
    public AccountService.Delivery reset(@PathParam("userId") long userId) {
        return accounts.reset(userId);
    }

    @POST
    @Path("disable")
    public State disable(@PathParam("userId") long userId) {
        var u = accounts.setEnabled(userId, false);
        return new State(u.getId(), u.getUsername(), u.isEnabled());
    }

    @POST
    @Path("enable")
    public State enable(@PathParam("userId") long userId) {
        var u = accounts.setEnabled(userId, true);
        return new State(u.getId(), u.getUsername(), u.isEnabled());
    }
}
