package cn.loopgate.plan;

import cn.loopgate.attachment.StoredFile;
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

/** A firm's plans over the API (for its HR system): upload the commitment letter, file, list. */
@Path("/firms/{firmId}/plans")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "plans")
public class FirmPlanResource {

    @Inject
    PlanService plans;

    /** Uploads the signed commitment letter as the raw body (PDF, PNG or JPEG); {@code name} is the file name. */
    @POST
    @Path("commitments")
    @Consumes(MediaType.WILDCARD)
    public Response upload(@PathParam("firmId") long firmId, @QueryParam("name") String name, byte[] body) {
        StoredFile f = plans.uploadCommitment(firmId, name, body);
        return Response.status(Response.Status.CREATED)
                .entity(new PlanResource.Uploaded(f.getId(), f.getOriginalName(), f.getContentType(), f.getSizeBytes())).build();
    }

    @GET
    public List<PlanDetail> ofFirm(@PathParam("firmId") long firmId) {
        return plans.details(firmId);
    }

    @POST
    public Response file(@PathParam("firmId") long firmId, PlanData data) {
        PlanDetail p = plans.file(firmId, data);
        return Response.created(URI.create("plans/" + p.id())).entity(p).build();
    }

}
