package cn.loopgate.verification;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** For scanner devices at the gates (gate guards): POST the QR text, get the verdict. */
@Path("/gate")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "gate")
public class GateResource {

    @Inject
    GateService gate;

    @POST
    @Path("verify")
    @Operation(summary = "Verify a scanned permit QR code; every call is logged")
    public ScanResult verify(GateCheck check) {
        return gate.verify(check);
    }
}
