package cn.loopgate.report;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.util.List;

/** One report with its earlier revisions; the liaison opens a correction window after the deadline. */
@Path("/reports")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "reports")
public class ReportResource {

    @Inject
    ReportService reports;

    public record Detail(ReportView report, List<ReportService.Revision> revisions) {
    }

    public record ReopenRequest(Integer hours, String reason) {
    }

    @GET
    @Path("{id}")
    public Detail get(@PathParam("id") long id) {
        return new Detail(ReportView.of(reports.get(id)), reports.revisions(id));
    }

    /** Allows the firm to correct this report for {@code hours} (default 24) although its deadline passed. */
    @POST
    @Path("{id}/reopen")
    public ReportView reopen(@PathParam("id") long id, ReopenRequest body) {
        int hours = body == null || body.hours() == null ? 24 : body.hours();
        return ReportView.of(reports.allowCorrection(id, hours, body == null ? null : body.reason()));
    }
}
