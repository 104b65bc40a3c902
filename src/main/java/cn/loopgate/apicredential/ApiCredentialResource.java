package cn.loopgate.apicredential;

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
import java.util.List;

/** API credentials of machine clients: list, issue (the secret is in this answer only), revoke. */
@Path("/api-credentials")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "api-credentials")
public class ApiCredentialResource {

    @Inject
    ApiCredentialService credentials;

    @GET
    public List<ApiCredentialRow> list() {
        return credentials.list();
    }

    @POST
    public Response issue(ApiCredentialData data) {
        ApiCredentialService.Issued issued = credentials.issue(data);
        return Response.created(URI.create("api-credentials/" + issued.credential().id()))
                .header("Cache-Control", "no-store").entity(issued).build();
    }

    @POST
    @Path("{id}/revoke")
    public ApiCredentialRow revoke(@PathParam("id") long id) {
        return credentials.revoke(id);
    }
}
