package cn.loopgate.firm;

import cn.loopgate.shared.persistence.Page;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.net.URI;

/** Firms over the API, scoped like the pages. */
@Path("/firms")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "firms")
public class FirmResource {

    @Inject
    FirmService firms;

    @GET
    public Page<FirmView> list(@QueryParam("parkId") Long parkId, @QueryParam("q") String text,
                               @QueryParam("aboveSize") Boolean aboveSize, @QueryParam("industry") Industry industry,
                               @QueryParam("offset") Integer offset, @QueryParam("limit") Integer limit) {
        return firms.listed(new FirmService.Filter(parkId, text, aboveSize, industry),
                Page.clampOffset(offset), Page.clampLimit(limit));
    }

    @GET
    @Path("{id}")
    public FirmView get(@PathParam("id") long id) {
        return firms.detail(id);
    }

    @POST
    public Response register(FirmData data) {
        Firm f = firms.register(data == null ? empty() : data);
        return Response.created(URI.create("firms/" + f.getId())).entity(firms.describe(f)).build();
    }

    @PUT
    @Path("{id}")
    public FirmView update(@PathParam("id") long id, FirmData data) {
        return firms.describe(firms.update(id, data == null ? empty() : data));
    }

    private static FirmData empty() {
        return new FirmData(null, null, null, false, null, null, 0, null, null, null, null, null);
    }
}
