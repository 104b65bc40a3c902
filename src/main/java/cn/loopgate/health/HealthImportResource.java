package cn.loopgate.health;

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
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.io.InputStream;
import java.net.URI;
import java.util.Locale;

/**
 * Test results imported from the sampling site's sheet: POST the file's bytes (any content type, name in
 * {@code ?fileName=}) for the dry run, read it, download the per-row report, then import all or only the valid rows.
 */
@Path("/firms/{firmId}/health-test-imports")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "health")
public class HealthImportResource {

    static final String XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

    @Inject
    HealthImportService imports;
    @Context
    HttpHeaders headers;

    public record ImportRequest(boolean validOnly) {
    }

    @POST
    @Consumes(MediaType.WILDCARD)
    @Operation(summary = "Check a sheet of test results (.xlsx or .csv, name in ?fileName=) without recording anything: the dry run")
    public Response check(@PathParam("firmId") long firmId, @QueryParam("fileName") String fileName,
                          @HeaderParam("Content-Length") Long length, InputStream body) {
        // Access first (404 outside scope, 403 for other roles): the name, size and body are looked at only for those who may import.
        imports.checkUpload(firmId);
        SheetFormat.of(fileName);
        if (length != null && length > SheetLimits.DEFAULT.maxBytes()) {
            throw DomainException.invalid("file", "import.tooLarge", SheetLimits.DEFAULT.maxMegabytes());
        }
        byte[] data = SheetUploads.readCapped(body, SheetLimits.DEFAULT);
        HealthImportService.Summary s = imports.dryRun(firmId, fileName, data, locale());
        return Response.created(URI.create("firms/" + firmId + "/health-test-imports/" + s.id())).entity(s).build();
    }

    @GET
    @Path("{id}")
    @Operation(summary = "A checked sheet: counts and the rows with errors (resident IDs masked)")
    public HealthImportService.Summary get(@PathParam("firmId") long firmId, @PathParam("id") long id) {
        return imports.get(firmId, id, locale());
    }

    @POST
    @Path("{id}/import")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Import all rows (none may be invalid) or only the valid ones; positive results suspend cards and open incidents")
    public HealthImportService.Summary commit(@PathParam("firmId") long firmId, @PathParam("id") long id, ImportRequest body) {
        return imports.commit(firmId, id, body != null && body.validOnly(), locale());
    }

    @GET
    @Path("{id}/report")
    @Produces({XLSX, "text/csv"})
    @Operation(summary = "The per-row report (?format=csv, the default, or xlsx), in the caller's language")
    public Response report(@PathParam("firmId") long firmId, @PathParam("id") long id, @QueryParam("format") String format) {
        SheetFormat f = "xlsx".equalsIgnoreCase(format) ? SheetFormat.XLSX : SheetFormat.CSV;
        return file(imports.report(firmId, id, f, locale()), f, "health-import-report-" + id);
    }

    @GET
    @Path("template")
    @Produces({XLSX, "text/csv"})
    @Operation(summary = "The empty template (?format=xlsx, the default, or csv)")
    public Response template(@PathParam("firmId") long firmId, @QueryParam("format") String format) {
        SheetFormat f = "csv".equalsIgnoreCase(format) ? SheetFormat.CSV : SheetFormat.XLSX;
        return file(imports.template(firmId, f), f, "health-test-template");
    }

    private static Response file(byte[] data, SheetFormat f, String baseName) {
        return Response.ok(data, f.contentType())
                .header("Content-Disposition", "attachment; filename=\"" + baseName + "." + f.extension() + "\"").build();
    }

    private Locale locale() {
        return Problems.locale(headers);
    }
}
