package cn.loopgate.report;

import cn.loopgate.shared.DomainException;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.time.LocalDate;

/** The liaison's board of daily reports and the reminder to the missing firms. */
@Path("/board")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "reports")
public class BoardResource {

    @Inject
    BoardService boards;

    @GET
    public Board board(@QueryParam("day") String day) {
        return boards.board(day("day", day));
    }

    /** A day from a query parameter (ISO yyyy-MM-dd), null when absent; 400 when malformed. */
    static LocalDate day(String field, String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return LocalDate.parse(value.strip());
        } catch (java.time.format.DateTimeParseException e) {
            throw DomainException.invalid(field, "validation.invalid");
        }
    }

    /** Reminds today's missing firms of the caller's parks (or of {@code parkId}); in-app and by mail. */
    @POST
    @Path("remind")
    public BoardService.Reminded remind(@QueryParam("parkId") Long parkId) {
        return boards.remindMissing(parkId);
    }
}
