package cn.loopgate.ops;

import cn.loopgate.identity.AccessPolicy;
import cn.loopgate.shared.ClockProducer;
import cn.loopgate.shared.DomainException;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;

import java.time.Clock;
import java.time.Instant;

/**
 * Moves the application clock, for tests of deadlines and time limits. Exists only when
 * {@code loopgate.test.clock-control=true} (never in production): otherwise every call is 404.
 */
@Path("/test/clock")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class ClockResource {

    @Inject
    ClockProducer clocks;
    @Inject
    Clock clock;
    @Inject
    AccessPolicy access;

    public record Now(Instant now) {
    }

    @GET
    @Operation(hidden = true)
    public Now get() {
        guard();
        return new Now(clock.instant());
    }

    @PUT
    @Operation(hidden = true)
    public Now set(Now body) {
        guard();
        if (body == null || body.now() == null) {
            throw DomainException.invalid("now", "validation.required");
        }
        clocks.setNow(body.now());
        return new Now(clock.instant());
    }

    @DELETE
    @Operation(hidden = true)
    public Now reset() {
        guard();
        clocks.reset();
        return new Now(clock.instant());
    }

    private void guard() {
        if (!clocks.isControllable()) {
            throw DomainException.notFound();
        }
        access.requireAdmin();
    }
}
