package cn.loopgate.account;

import cn.loopgate.identity.UserAccount;
import cn.loopgate.shared.Masking;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.net.URI;
import java.time.Instant;
import java.util.List;

/** A firm's manager accounts, for administrators and the park's liaison officers: list and invite. */
@Path("/firms/{firmId}/managers")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "users")
public class ManagerResource {

    @Inject
    AccountService accounts;

    /** A manager account as the inviter sees it: the phone masked; activated = a password is set. */
    public record ManagerView(long id, String username, String displayName, String email, String phone,
                              boolean enabled, boolean activated, Instant lastLoginAt) {
        static ManagerView of(UserAccount u) {
            return new ManagerView(u.getId(), u.getUsername(), u.getDisplayName(), u.getEmail(),
                    u.getPhone() == null ? null : Masking.phone(u.getPhone()), u.isEnabled(), u.getPasswordHash() != null,
                    u.getLastLoginAt());
        }
    }

    @GET
    public List<ManagerView> list(@PathParam("firmId") long firmId) {
        return accounts.managers(firmId).stream().map(ManagerView::of).toList();
    }

    @POST
    public Response invite(@PathParam("firmId") long firmId, InviteData data) {
        AccountService.Delivery d = accounts.invite(firmId, data);
        return Response.created(URI.create("users/" + d.userId())).entity(d).build();
    }
}
