package cn.loopgate.report;

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
    public Board board(@QueryParam("day") LocalDate day) {
        return boards.board(day);
    }

    /** Reminds today's missing firms of the caller's parks (or of {@code parkId}); in-app and by mail. */
    @POST
    @Path("remind")
    public BoardService.Reminded remind(@QueryParam("parkId") Long parkId) {
        return boards.remindMissing(parkId);
    }
}
