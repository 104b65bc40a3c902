package cn.loopgate.health;

import cn.loopgate.shared.DomainException;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;

/** A park's health figures of a day. */
@Path("/parks/{parkId}/health-figures")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "health")
public class HealthFiguresResource {

    @Inject
    HealthService health;

    @GET
    @Operation(summary = "The park's health figures of a day (yyyy-MM-dd, default today): on site, covered, overdue, fevers, incidents")
    public HealthFigures figures(@PathParam("parkId") long parkId, @QueryParam("day") String day) {
        LocalDate d = null;
        if (day != null && !day.isBlank()) {
            try {
                d = LocalDate.parse(day.strip());
            } catch (DateTimeParseException e) {
                throw DomainException.invalid("day", "validation.invalid");
            }
        }
        return health.figures(parkId, d);
    }
}
