package cn.loopgate.registration;

import cn.loopgate.attachment.StoredFile;
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

/** The parks' queue of self-registrations: liaison officers (their parks) and administrators (all). */
@Path("/firm-registrations")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "firms")
public class RegistrationResource {

    @Inject
    RegistrationService registrations;

    /** Why a registration is refused; shown to the applicant. */
    public record Refusal(String reason) {
    }

    @GET
    public Page<RegistrationRow> list(@QueryParam("status") RegistrationStatus status, @QueryParam("offset") Integer offset,
                                      @QueryParam("limit") Integer limit) {
        return registrations.list(status, Page.clampOffset(offset), Page.clampLimit(limit));
    }

    @GET
    @Path("{id}")
    public RegistrationDetail get(@PathParam("id") long id) {
        return registrations.get(id);
    }

    /** The business licence scan as uploaded (PDF, PNG or JPEG, checked by content when it came in). */
    @GET
    @Path("{id}/licence")
    @Produces(MediaType.WILDCARD)
    public Response licence(@PathParam("id") long id) {
        StoredFile f = registrations.licence(id);
        String ext = f.getContentType().endsWith("pdf") ? "pdf" : f.getContentType().endsWith("png") ? "png" : "jpg";
        return Response.ok(f.getData(), f.getContentType())
                .header("Content-Disposition", "inline; filename=\"licence-" + id + "." + ext + "\"")
                .header("X-Content-Type-Options", "nosniff").build();
    }

    @POST
    @Path("{id}/confirm")
    public RegistrationDetail confirm(@PathParam("id") long id) {
        return registrations.confirm(id);
    }

    @POST
    @Path("{id}/refuse")
    public RegistrationDetail refuse(@PathParam("id") long id, Refusal refusal) {
        return registrations.refuse(id, refusal == null ? null : refusal.reason());
    }
}
