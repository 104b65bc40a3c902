package cn.loopgate.verification;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.util.List;

/** For scanner devices at the gates (gate guards): POST the QR text, get the verdict. */
@Path("/gate")
// One instance for all requests: no per-request state, and a request-scoped resource was created and injected
// again for every call of this busy path (docs/performance.md).
@ApplicationScoped
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "gate")
public class GateResource {

    @Inject
    GateService gate;
    @Inject
    OfflineScans offline;

    @POST
    @Path("verify")
    @Operation(summary = "Verify a scanned permit QR code; every call is logged")
    public ScanResult verify(GateCheck check) {
        return gate.verify(check);
    }

    /** The answer to an upload of offline scans: one outcome per scan, in the order sent. */
    public record Uploaded(List<QueuedScan.Outcome> results) {
    }

    @POST
    @Path("offline-scans")
    @Operation(summary = "Upload scans the guard's phone verified offline, with their original scan time; each is checked"
            + " again for that time and logged (a scan already uploaded, by its clientId, is not stored twice)")
    public Uploaded offlineScans(QueuedScan.Batch batch) {
        return new Uploaded(offline.upload(batch));
    }
}
