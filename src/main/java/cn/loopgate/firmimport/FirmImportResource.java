package cn.loopgate.firmimport;

import cn.loopgate.shared.DomainException;
import cn.loopgate.shared.rest.Problems;
import cn.loopgate.shared.sheet.SheetFormat;
import cn.loopgate.shared.sheet.SheetLimits;
import cn.loopgate.shared.sheet.SheetUploads;
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

import java.io.InputStream;
import java.net.URI;
import java.util.Locale;

/**
 * Firm import over the API: POST the file's bytes (any content type, name in {@code ?fileName=}), read the
 * dry-run result, download the per-row report, then import all rows or only the valid ones.
 */
@Path("/firm-imports")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "firms")
public class FirmImportResource {

    static final String XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

    @Inject
    FirmImportService imports;
    @Context
    HttpHeaders headers;

    public record ImportRequest(boolean validOnly) {
    }

    @POST
    @Consumes(MediaType.WILDCARD)
    public Response check(@QueryParam("fileName") String fileName, @HeaderParam("Content-Length") Long length, InputStream body) {
        // Access first (403 for other roles): the name, size and body are looked at only for those who may import.
        imports.checkUpload();
        SheetFormat.of(fileName);
        int max = SheetLimits.DEFAULT.maxBytes();
        if (length != null && length > max) {
            throw DomainException.invalid("file", "import.tooLarge", SheetLimits.DEFAULT.maxMegabytes());
        }
        byte[] data = SheetUploads.readCapped(body, SheetLimits.DEFAULT);
        FirmImportService.Summary s = imports.dryRun(fileName, data, locale());
        return Response.created(URI.create("firm-imports/" + s.id())).entity(s).build();
    }

    @GET
    @Path("{id}")
    public FirmImportService.Summary get(@PathParam("id") long id) {
        return imports.get(id, locale());
    }

    @POST
    @Path("{id}/import")
    @Consumes(MediaType.APPLICATION_JSON)
    public FirmImportService.Summary commit(@PathParam("id") long id, ImportRequest body) {
        return imports.commit(id, body != null && body.validOnly(), locale());
    }

    @GET
    @Path("{id}/report")
    @Produces({XLSX, "text/csv"})
    public Response report(@PathParam("id") long id, @QueryParam("format") String format) {
        SheetFormat f = "xlsx".equalsIgnoreCase(format) ? SheetFormat.XLSX : SheetFormat.CSV;
        return file(imports.report(id, f, locale()), f, "firm-import-report-" + id);
    }

    @GET
    @Path("template")
    @Produces({XLSX, "text/csv"})
    public Response template(@QueryParam("format") String format) {
        SheetFormat f = "csv".equalsIgnoreCase(format) ? SheetFormat.CSV : SheetFormat.XLSX;
        return file(imports.template(f), f, "firm-template");
    }

    static Response file(byte[] data, SheetFormat f, String baseName) {
        return Response.ok(data, f.contentType())
                .header("Content-Disposition", "attachment; filename=\"" + baseName + "." + f.extension() + "\"").build();
    }

    private Locale locale() {
        return Problems.locale(headers);
    }
}
