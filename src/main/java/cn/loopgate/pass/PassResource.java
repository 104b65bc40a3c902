package cn.loopgate.pass;

import cn.loopgate.shared.persistence.Page;
import cn.loopgate.whitelist.CardViews;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.net.URI;
import java.util.List;

/** Vehicle passes over the API: apply (body names the firm), list in scope, review, revoke, reissue, history. */
@Path("/passes")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "pass")
public class PassResource {

    @Inject
    PassService passes;

    @POST
    public Response apply(PassData body) {
        PassData d = body == null ? new PassData(null, null, null, null, null, null, null, null, null, null, null, null, null, null, null, null) : body;
        VehiclePass p = passes.apply(d.firmId() == null ? -1 : d.firmId(), d);
        return Response.created(URI.create("passes/" + p.getId())).entity(passes.view(p.getId())).build();
    }

    @GET
    public Page<PassView> list(@QueryParam("status") VehiclePass.Status status, @QueryParam("firmId") Long firmId,
                               @QueryParam("offset") Integer offset, @QueryParam("limit") Integer limit) {
        return passes.list(status, firmId, Page.clampOffset(offset), Page.clampLimit(limit));
    }

    @GET
    @Path("{id}")
    public PassView get(@PathParam("id") long id) {
        return passes.view(id);
    }

    @GET
    @Path("{id}/history")
    public List<CardViews.HistoryLine> history(@PathParam("id") long id) {
        return passes.history(id);
    }

    @POST
    @Path("{id}/review")
    public PassView review(@PathParam("id") long id, PassService.Review body) {
        passes.review(id, body);
        return passes.view(id);
    }

    @POST
    @Path("{id}/revoke")
    public PassView revoke(@PathParam("id") long id, PassService.Reason body) {
        passes.revoke(id, body);
        return passes.view(id);
    }

    @POST
    @Path("{id}/reissue")
    public PassView reissue(@PathParam("id") long id, PassService.Reason body) {
        passes.reissue(id, body);
        return passes.view(id);
    }
}
