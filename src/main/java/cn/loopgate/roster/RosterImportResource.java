package cn.loopgate.roster;

import cn.loopgate.shared.DomainException;
import cn.loopgate.shared.rest.Problems;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
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

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.util.Locale;

/**
 * Roster import over the API: POST the file's bytes (any content type, name in {@code ?fileName=}),
 * read the dry-run result, download the per-row report, then import all or only the valid rows.
 */
@Path("/firms/{firmId}/roster-imports")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "roster")
public class RosterImportResource {

    static final String XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

    @Inject
    RosterImportService imports;
    @Context
    HttpHeaders headers;

    public record ImportRequest(boolean validOnly) {
    }

    @POST
    @Consumes(MediaType.WILDCARD)
    public Response check(@PathParam("firmId") long firmId, @QueryParam("fileName") String fileName,
                          @HeaderParam("Content-Length") Long length, InputStream body) {
        // Access first (404 outside scope, 403 for other roles): the name, size and body are checked only for the firm's manager.
        imports.checkUpload(firmId);
        RosterFile.formatOf(fileName);
        if (length != null && length > RosterFile.MAX_BYTES) {
            throw DomainException.invalid("file", "import.tooLarge", RosterFile.MAX_BYTES / (1024 * 1024));
        }
        byte[] data = readCapped(body, RosterFile.MAX_BYTES);
        RosterImportService.Summary s = imports.dryRun(firmId, fileName, data, locale());
        return Response.created(URI.create("firms/" + firmId + "/roster-imports/" + s.id())).entity(s).build();
    }

    @GET
    @Path("{id}")
    public RosterImportService.Summary get(@PathParam("firmId") long firmId, @PathParam("id") long id) {
        return imports.get(firmId, id, locale());
    }

    @POST
    @Path("{id}/import")
    @Consumes(MediaType.APPLICATION_JSON)
    public RosterImportService.Summary commit(@PathParam("firmId") long firmId, @PathParam("id") long id, ImportRequest body) {
        return imports.commit(firmId, id, body != null && body.validOnly(), locale());
    }

    @GET
    @Path("{id}/report")
    @Produces({XLSX, "text/csv"})
    public Response report(@PathParam("firmId") long firmId, @PathParam("id") long id, @QueryParam("format") String format) {
        RosterFile.Format f = "xlsx".equalsIgnoreCase(format) ? RosterFile.Format.XLSX : RosterFile.Format.CSV;
        return file(imports.report(firmId, id, f, locale()), f, "roster-report-" + id);
    }

    @GET
    @Path("template")
    @Produces({XLSX, "text/csv"})
    public Response template(@PathParam("firmId") long firmId, @QueryParam("format") String format) {
        RosterFile.Format f = "csv".equalsIgnoreCase(format) ? RosterFile.Format.CSV : RosterFile.Format.XLSX;
        return file(imports.template(firmId, f), f, "roster-template");
    }

    static Response file(byte[] data, RosterFile.Format f, String baseName) {
        String ext = f == RosterFile.Format.CSV ? "csv" : "xlsx";
        return Response.ok(data, f == RosterFile.Format.CSV ? "text/csv; charset=UTF-8" : XLSX)
                .header("Content-Disposition", "attachment; filename=\"" + baseName + "." + ext + "\"").build();
    }

    /** Reads at most {@code max} bytes; one more means too large, and reading stops there. */
    public static byte[] readCapped(InputStream in, int max) {
        if (in == null) {
            throw DomainException.invalid("file", "validation.fileEmpty");
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] buf = new byte[64 * 1024];
        try (in) {
            int n;
            while ((n = in.read(buf)) > 0) {
                if (out.size() + n > max) {
                    throw DomainException.invalid("file", "import.tooLarge", max / (1024 * 1024));
                }
                out.write(buf, 0, n);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    private Locale locale() {
        return Problems.locale(headers);
    }
}
