package cn.loopgate.roster;

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

/** A firm's roster over the API (for the firm's HR system). Lists are always masked. */
@Path("/firms/{firmId}/workers")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "roster")
public class WorkerResource {

    @Inject
    WorkerService workers;

    public record LeaveRequest(String reason) {
    }

    @GET
    public Page<WorkerView> list(@PathParam("firmId") long firmId, @QueryParam("q") String text,
                                 @QueryParam("status") Worker.Status status,
                                 @QueryParam("offset") Integer offset, @QueryParam("limit") Integer limit) {
        return workers.list(firmId, new WorkerService.Filter(text, status), Page.clampOffset(offset), Page.clampLimit(limit))
                .map(WorkerView::masked);
    }

    @GET
    @Path("{id}")
    public WorkerView get(@PathParam("firmId") long firmId, @PathParam("id") long id) {
        return workers.view(workers.get(firmId, id));
    }

    @POST
    public Response add(@PathParam("firmId") long firmId, WorkerData data) {
        Worker w = workers.add(firmId, data == null ? new WorkerData(null, null, null, null, null, null, null) : data);
        return Response.created(URI.create("firms/" + firmId + "/workers/" + w.getId())).entity(workers.view(w)).build();
    }

    @PUT
    @Path("{id}")
    public WorkerView update(@PathParam("firmId") long firmId, @PathParam("id") long id, WorkerData data) {
        return workers.view(workers.update(firmId, id, data == null ? new WorkerData(null, null, null, null, null, null, null) : data));
    }

    @POST
    @Path("{id}/leave")
    public WorkerView leave(@PathParam("firmId") long firmId, @PathParam("id") long id, LeaveRequest body) {
        return workers.view(workers.leave(firmId, id, body == null ? null : body.reason()));
    }
}
