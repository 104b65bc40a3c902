package cn.loopgate.account;

import cn.loopgate.identity.RememberedDevices;
import cn.loopgate.identity.RememberedDevices.Device;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.CookieParam;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.util.List;

/** The caller's own remembered devices (built-in login; 404 with Keycloak). */
@Path("/me/devices")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "users")
public class DeviceResource {

    @Inject
    DeviceService devices;

    /** Newest use first; {@code current} marks the device whose cookie came with this request. */
    @GET
    public List<Device> list(@CookieParam(RememberedDevices.COOKIE) String cookie) {
        return devices.list(cookie);
    }

    @DELETE
    @Path("{id}")
    public Response revoke(@PathParam("id") long id) {
        devices.revoke(id);
        return Response.noContent().build();
    }

    @DELETE
    public Response revokeAll() {
        devices.revokeAll();
        return Response.noContent().build();
    }
}
