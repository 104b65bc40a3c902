package cn.loopgate.account;

import cn.loopgate.identity.AccessPolicy;
import cn.loopgate.identity.Caller;
import cn.loopgate.identity.Role;
import cn.loopgate.identity.UserAccount;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.Set;

/** Users and bindings for administrators, and {@code /me} for everyone signed in. */
@Path("/")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "users")
public class UserResource {

    @Inject
    UserService users;
    @Inject
    AccessPolicy access;
    @Inject
    AccountService accounts;

    public record UserView(long id, String username, String displayName, Role role, Long firmId, Set<Long> parkIds,
                           String email, boolean enabled, Instant lockedUntil, Instant lastLoginAt) {
        static UserView of(UserAccount u) {
            return new UserView(u.getId(), u.getUsername(), u.getDisplayName(), u.getRole(), u.getFirmId(),
                    u.getParkIds(), u.getEmail(), u.isEnabled(), u.getLockedUntil(), u.getLastLoginAt());
        }
    }

    public record MeView(String username, String displayName, String role, Long firmId, Set<Long> parkIds) {
    }

    @GET
    @Path("me")
    public MeView me() {
        Caller c = access.caller();
        if (c.role() == null) {
            throw cn.loopgate.shared.DomainException.forbidden();
        }
        return new MeView(c.username(), c.displayName(), c.role().group(), c.firmId(), c.parkIds());
    }

    @GET
    @Path("users")
    public List<UserView> list() {
        return users.list().stream().map(UserView::of).toList();
    }

    @GET
    @Path("users/{id}")
    public UserView get(@PathParam("id") long id) {
        return UserView.of(users.get(id));
    }

    @POST
    @Path("users")
    public Response create(UserData data) {
        UserAccount u = users.create(data == null ? empty() : data);
        return Response.created(URI.create("users/" + u.getId())).entity(UserView.of(u)).build();
    }

    @PUT
    @Path("users/{id}")
    public UserView update(@PathParam("id") long id, UserData data) {
        return UserView.of(users.update(id, data == null ? empty() : data));
    }

    /** The caller's own password (built-in login; 404 with Keycloak). */
    @PUT
    @Path("me/password")
    public Response changePassword(PasswordChange change) {
        accounts.changeOwnPassword(change);
        return Response.noContent().build();
    }

    private static UserData empty() {
        return new UserData(null, null, null, null, null, null, false, null);
    }
}
