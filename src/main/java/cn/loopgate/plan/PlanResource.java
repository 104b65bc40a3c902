package cn.loopgate.plan;

import cn.loopgate.attachment.StoredFile;
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

import java.util.List;
import java.util.Map;

/**
 * Resumption plans over the API: the firm's HR system uploads the commitment letter and files or
 * refiles the plan; the liaison officer's tools review it. Every answer is the service's {@link PlanDetail},
 * built in one transaction with the steps the caller may take next.
 */
@Path("/plans")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "plans")
public class PlanResource {

    @Inject
    PlanService plans;

    public record Uploaded(long fileId, String name, String contentType, int size) {
    }

    public record ReturnRequest(Map<PlanSection, String> comments) {
    }

    public record ApproveRequest(List<String> conditions) {
    }

    public record ReasonRequest(String reason) {
    }

    public record ConditionRequest(String text) {
    }

    @GET
    @Path("queue")
    public List<PlanService.QueueItem> queue() {
        return plans.queue();
    }

    @GET
    @Path("{id}")
    public PlanDetail get(@PathParam("id") long id) {
        return plans.detail(id);
    }

    /** Refiles a returned plan as a new version. */
    @PUT
    @Path("{id}")
    public PlanDetail resubmit(@PathParam("id") long id, PlanData data) {
        return plans.resubmit(id, data);
    }

    @POST
    @Path("{id}/return")
    public PlanDetail returnForChanges(@PathParam("id") long id, ReturnRequest body) {
        return plans.returnForChanges(id, body == null ? Map.of() : body.comments());
    }

    @POST
    @Path("{id}/approve")
    public PlanDetail approve(@PathParam("id") long id, ApproveRequest body) {
        return plans.approve(id, body == null ? List.of() : body.conditions());
    }

    @POST
    @Path("{id}/reject")
    public PlanDetail reject(@PathParam("id") long id, ReasonRequest body) {
        return plans.reject(id, body == null ? null : body.reason());
    }

    @POST
    @Path("{id}/conditions")
    public PlanDetail addCondition(@PathParam("id") long id, ConditionRequest body) {
        return plans.addCondition(id, body == null ? null : body.text());
    }

    /** The commitment letter of one version, as uploaded. */
    @GET
    @Path("{id}/versions/{number}/commitment")
    @Produces(MediaType.WILDCARD)
    public Response commitment(@PathParam("id") long id, @PathParam("number") int number) {
        StoredFile f = plans.commitment(id, number);
        return Response.ok(f.getData(), f.getContentType())
                .header("Content-Disposition", "inline; filename=\"commitment-" + id + "-" + number + "."
                        + (f.getContentType().endsWith("pdf") ? "pdf" : f.getContentType().endsWith("png") ? "png" : "jpg") + "\"")
                .header("X-Content-Type-Options", "nosniff").build();
    }
}
