package cn.loopgate.dashboard;

import cn.loopgate.shared.Messages;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.net.URI;
import java.util.List;
import java.util.Locale;

/**
 * Published (frozen) bulletins: issue one for a day and slice, list them, download a PDF exactly as
 * published, and list the figures that changed since. Access as {@link BulletinArchive} decides.
 */
@Path("/dashboard/bulletins")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "dashboard")
public class BulletinArchiveResource {

    @Inject
    BulletinArchive archive;
    @Context
    HttpHeaders headers;

    /** Body: {@code {"day": "2026-03-03", "districtId": …, "parkId": …, "aboveSize": …, "fourAbove": …, "industry": …}}. */
    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    public Response issue(BulletinArchive.IssueBulletin command) {
        BulletinArchive.Published p = archive.issue(command == null
                ? new BulletinArchive.IssueBulletin(null, null, null, null, null, null) : command);
        return Response.created(URI.create("dashboard/bulletins/" + p.id())).entity(p).build();
    }

    @GET
    public List<BulletinArchive.Published> list() {
        return archive.list();
    }

    /** The PDF byte for byte as published; {@code lang=en} for the English one. */
    @GET
    @Path("{id}/pdf")
    @Produces("application/pdf")
    public Response pdf(@PathParam("id") long id, @QueryParam("lang") String lang) {
        boolean en = lang != null && lang.startsWith("en");
        return Response.ok(archive.pdf(id, en))
                .header("Content-Disposition", "attachment; filename=\"bulletin-" + id + (en ? "-en" : "") + ".pdf\"").build();
    }

    @GET
    @Path("{id}/revisions")
    public List<BulletinArchive.Revision> revisions(@PathParam("id") long id) {
        List<Locale> accepted = headers.getAcceptableLanguages();
        return archive.revisions(id, Messages.supported(accepted.isEmpty() ? null : accepted.get(0)));
    }
}
