package cn.loopgate.health;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.util.List;

/** A firm's health holds in force (lifting is {@code POST /health-holds/{id}/lift}). */
@Path("/firms/{firmId}/health-holds")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "health")
public class HoldResource {

    @Inject
    OutbreakService outbreak;

    @GET
    @Operation(summary = "The firm's health holds in force (suspended cards)")
    public List<HoldRow> holds(@PathParam("firmId") long firmId) {
        return outbreak.holds(firmId);
    }
}
