package cn.loopgate.health;

import cn.loopgate.shared.DomainException;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.List;

/** The health figures of a day, park by park, as the dashboard shows them. */
@Path("/health-figures")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "health")
public class HealthFiguresListResource {

    @Inject
    HealthService health;

    @GET
    @Operation(summary = "Every park's health figures of a day (yyyy-MM-dd, default each park's today), or one park's (?parkId=):"
            + " administrators, analysts, liaison officers (their parks)")
    public List<ParkHealthRow> figures(@QueryParam("day") String day, @QueryParam("parkId") Long parkId) {
        LocalDate d = null;
        if (day != null && !day.isBlank()) {
            try {
                d = LocalDate.parse(day.strip());
            } catch (DateTimeParseException e) {
                throw DomainException.invalid("day", "validation.invalid");
            }
        }
        return health.byPark(d, parkId);
    }
}
