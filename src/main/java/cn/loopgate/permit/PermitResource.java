package cn.loopgate.permit;

import cn.loopgate.shared.DomainException;
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
import jakarta.ws.rs.core.StreamingOutput;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.util.ArrayList;
import java.util.List;

/**
 * Permits over the API: one permit with its QR text, printable PDFs (one permit, or many of one
 * firm), revocation, and the rotation of the signing key. Access is decided by the services.
 */
@Path("/permits")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "permits")
public class PermitResource {

    public static final String PDF = "application/pdf";

    @Inject
    PermitDocuments documents;
    @Inject
    SigningKeys keys;

    @GET
    @Path("{id: \\d+}")
    public PermitView get(@PathParam("id") long id) {
        return documents.view(id);
    }

    @GET
    @Path("{id: \\d+}/pdf")
    @Produces({PDF, MediaType.APPLICATION_JSON})
    @Operation(summary = "One permit as a printable PDF")
    public Response pdf(@PathParam("id") long id) {
        return stream(documents.one(id));
    }

    @GET
    @Path("pdf")
    @Produces({PDF, MediaType.APPLICATION_JSON})
    @Operation(summary = "Many permits of one firm and type as one PDF (the listed ids, or all active ones)")
    public Response batch(@QueryParam("firmId") long firmId, @QueryParam("type") PermitType type, @QueryParam("ids") String ids) {
        return stream(documents.ofFirm(firmId, type, ids(ids)));
    }

    @POST
    @Path("{id: \\d+}/revoke")
    @Operation(summary = "Revoke a permit (liaison officer of its park)")
    public PermitView revoke(@PathParam("id") long id, PermitDocuments.Revocation body) {
        documents.revoke(id, body);
        return documents.view(id);
    }

    @POST
    @Path("signing-keys/rotate")
    @Operation(summary = "Make a new active signing key; the old one stays published (administrators)")
    public PublicPermitResource.KeyView rotate() {
        return PublicPermitResource.view(keys.rotate());
    }

    private static Response stream(PermitDocuments.Batch batch) {
        StreamingOutput body = out -> PermitDownload.write(batch, out);
        return Response.ok(body, PDF)
                .header("Content-Disposition", "attachment; filename=\"" + batch.fileName() + "\"")
                .header("Cache-Control", "no-store")
                .build();
    }

    private static List<Long> ids(String text) {
        List<Long> ids = new ArrayList<>();
        if (text == null || text.isBlank()) {
            return ids;
        }
        for (String s : text.split(",")) {
            try {
                ids.add(Long.parseLong(s.strip()));
            } catch (NumberFormatException e) {
                throw DomainException.invalid("ids", "validation.invalid");
            }
        }
        return ids;
    }
}
