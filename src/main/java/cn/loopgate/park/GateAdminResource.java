package cn.loopgate.park;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.net.URI;
import java.util.List;

/** The gates of the parks and the guards bound to them; a park's gate policy. */
@Path("/")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "parks")
public class GateAdminResource {

    @Inject
    GateRegistry registry;

    /** A gate; {@code guards} (usernames) only for those who manage the binding. */
    public record GateView(long id, long parkId, String parkCode, String parkName, String name, boolean active,
                           List<String> guards) {
    }

    public record GatePolicy(Boolean admitsOtherParks) {
    }

    @GET
    @Path("gates")
    @Operation(summary = "Gates in the caller's scope (a gate guard: their own active gates)")
    public List<GateView> gates(@QueryParam("parkId") Long parkId) {
        return registry.gates(parkId).stream().map(this::view).toList();
    }

    @GET
    @Path("gates/{id}")
    public GateView gate(@PathParam("id") long id) {
        return view(registry.gate(id));
    }

    @POST
    @Path("gates")
    @Operation(summary = "Register a gate of a park, optionally with the guards bound to it (usernames)")
    public Response register(GateData data) {
        Gate g = registry.register(data);
        return Response.created(URI.create("gates/" + g.getId())).entity(view(g)).build();
    }

    @PUT
    @Path("gates/{id}")
    @Operation(summary = "Rename, (de)activate a gate or rebind its guards (guards omitted: unchanged)")
    public GateView update(@PathParam("id") long id, GateData data) {
        return view(registry.update(id, data));
    }

    @PUT
    @Path("parks/{id}/gate-policy")
    @Operation(summary = "Whether the park's gates admit permits of other parks (otherwise WRONG_PARK)")
    public GatePolicy policy(@PathParam("id") long id, GatePolicy policy) {
        return new GatePolicy(registry.admitOtherParks(id, policy == null ? null : policy.admitsOtherParks()).isAdmitsOtherParks());
    }

    private GateView view(Gate g) {
        Park p = g.getPark();
        return new GateView(g.getId(), p.getId(), p.getCode(), p.getName(), g.getName(), g.isActive(), registry.guardNames(g));
    }
}
