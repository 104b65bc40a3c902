package cn.loopgate.problem;

import cn.loopgate.attachment.StoredFile;
import cn.loopgate.shared.DomainException;
import cn.loopgate.shared.persistence.Page;
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
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/**
 * Problems over the API, scoped like the pages. Attachments travel as JSON with base64 content
 * ({@code {"name": "photo.jpg", "contentBase64": "..."}}); their type is checked by content.
 */
@Path("/problems")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "problems")
public class ProblemResource {

    @Inject
    ProblemService problems;
    @Inject
    ProblemFigures figures;

    public record FileBody(String name, String contentBase64) {
    }

    public record RaiseBody(Category category, Urgency urgency, String description, List<FileBody> attachments) {
    }

    public record CommentBody(String comment) {
    }

    public record EscalateBody(Escalation kind, String reason) {
    }

    public record AssignBody(String department, Instant dueAt, String note) {
    }

    public record ResolveBody(String resolution) {
    }

    public record ReasonBody(String reason) {
    }

    @GET
    public Page<ProblemView> list(@QueryParam("status") Status status, @QueryParam("parkId") Long parkId,
                                  @QueryParam("category") Category category, @QueryParam("overdue") Boolean overdue,
                                  @QueryParam("open") Boolean open,
                                  @QueryParam("offset") Integer offset, @QueryParam("limit") Integer limit) {
        return problems.list(new ProblemService.Filter(status, parkId, category, overdue, open),
                Page.clampOffset(offset), Page.clampLimit(limit));
    }

    @GET
    @Path("stats")
    public ProblemView.Stats stats() {
        return figures.stats();
    }

    @GET
    @Path("{id: \\d+}")
    public ProblemView get(@PathParam("id") long id) {
        return problems.get(id);
    }

    @GET
    @Path("{id: \\d+}/timeline")
    public List<ProblemView.TimelineEntry> timeline(@PathParam("id") long id) {
        return problems.timeline(id);
    }

    @POST
    public Response raise(RaiseBody body) {
        RaiseBody b = body == null ? new RaiseBody(null, null, null, null) : body;
        List<Commands.Upload> uploads = new ArrayList<>();
        if (b.attachments() != null) {
            b.attachments().forEach(f -> uploads.add(upload(f)));
        }
        ProblemView p = problems.raise(new Commands.Raise(b.category(), b.urgency(), b.description()), uploads);
        return Response.created(URI.create("problems/" + p.id())).entity(p).build();
    }

    @POST
    @Path("{id: \\d+}/attachments")
    public ProblemView attach(@PathParam("id") long id, FileBody body) {
        return problems.attach(id, upload(body));
    }

    @GET
    @Path("{id: \\d+}/attachments/{fileId: \\d+}")
    @Produces(MediaType.WILDCARD)
    public Response download(@PathParam("id") long id, @PathParam("fileId") long fileId) {
        StoredFile f = problems.attachment(id, fileId);
        return Response.ok(f.getData(), f.getContentType())
                .header("Content-Disposition", "attachment; filename*=UTF-8''" + java.net.URLEncoder
                        .encode(f.getOriginalName(), java.nio.charset.StandardCharsets.UTF_8).replace("+", "%20"))
                .header("X-Content-Type-Options", "nosniff")
                .build();
    }

    @POST
    @Path("{id: \\d+}/comments")
    public ProblemView comment(@PathParam("id") long id, CommentBody body) {
        return problems.comment(id, new Commands.Comment(body == null ? null : body.comment()));
    }

    @POST
    @Path("{id: \\d+}/acknowledge")
    public ProblemView acknowledge(@PathParam("id") long id) {
        return problems.acknowledge(id);
    }

    @POST
    @Path("{id: \\d+}/escalate")
    public ProblemView escalate(@PathParam("id") long id, EscalateBody body) {
        return problems.escalate(id, body == null ? new Commands.Escalate(null, null) : new Commands.Escalate(body.kind(), body.reason()));
    }

    @POST
    @Path("{id: \\d+}/assign")
    public ProblemView assign(@PathParam("id") long id, AssignBody body) {
        return problems.assign(id, body == null ? new Commands.Assign(null, null, null)
                : new Commands.Assign(body.department(), body.dueAt(), body.note()));
    }

    @POST
    @Path("{id: \\d+}/resolve")
    public ProblemView resolve(@PathParam("id") long id, ResolveBody body) {
        return problems.resolve(id, new Commands.Resolve(body == null ? null : body.resolution()));
    }

    @POST
    @Path("{id: \\d+}/confirm")
    public ProblemView confirm(@PathParam("id") long id) {
        return problems.confirm(id);
    }

    @POST
    @Path("{id: \\d+}/reopen")
    public ProblemView reopen(@PathParam("id") long id, ReasonBody body) {
        return problems.reopen(id, new Commands.Reopen(body == null ? null : body.reason()));
    }

    private static Commands.Upload upload(FileBody f) {
        if (f == null || f.contentBase64() == null) {
            return new Commands.Upload(f == null ? null : f.name(), null);
        }
        try {
            return new Commands.Upload(f.name(), Base64.getMimeDecoder().decode(f.contentBase64()));
        } catch (IllegalArgumentException e) {
            throw DomainException.invalid("attachments", "problem.badBase64");
        }
    }
}
