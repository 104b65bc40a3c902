package cn.loopgate.report;

import cn.loopgate.shared.DomainException;
import cn.loopgate.shared.persistence.Page;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.net.URI;

/**
 * A firm's daily reports over the API (for its HR system). Filing answers 201 when it created the
 * report and 200 when the report existed (the same request again, or a correction).
 */
@Path("/firms/{firmId}/reports")
// One instance for all requests: no per-request state, and a request-scoped resource was created and injected
// again for every call of this busy path (docs/performance.md).
@ApplicationScoped
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "reports")
public class FirmReportResource {

    @Inject
    ReportService reports;

    @GET
    public Page<ReportView> history(@PathParam("firmId") long firmId, @QueryParam("from") String from,
                                    @QueryParam("to") String to, @QueryParam("offset") Integer offset,
                                    @QueryParam("limit") Integer limit) {
        return reports.history(firmId, BoardResource.day("from", from), BoardResource.day("to", to), Page.clampOffset(offset), Page.clampLimit(limit)).map(ReportView::of);
    }

    @GET
    @Path("today")
    public ReportView today(@PathParam("firmId") long firmId) {
        DailyReport r = reports.today(firmId);
        if (r == null) {
            throw DomainException.notFound();
        }
        return ReportView.of(r);
    }

    @POST
    public Response file(@PathParam("firmId") long firmId, FileReport body) {
        return answer(body == null ? reports.file(firmId, null, null) : reports.file(firmId, body.reportDate(), body.facts()));
    }

    /**
     * The park's liaison officer files or corrects the report for the firm (代报); {@code reason} is required.
     * 201 when it created the report, 200 when it corrected it (the firm's version kept as a revision).
     */
    @POST
    @Path("on-behalf")
    public Response fileOnBehalf(@PathParam("firmId") long firmId, FileReportOnBehalf body) {
        return answer(body == null ? reports.fileOnBehalf(firmId, null, null, null)
                : reports.fileOnBehalf(firmId, body.reportDate(), body.facts(), body.reason()));
    }

    /** Today's zero-report in one call, pre-filled from the last report. */
    @POST
    @Path("zero")
    public Response zero(@PathParam("firmId") long firmId) {
        return answer(reports.fileZero(firmId));
    }

    private static Response answer(ReportService.Filed f) {
        DailyReport r = f.report();
        return (f.created() ? Response.created(URI.create("reports/" + r.getId())) : Response.ok())
                .entity(ReportView.of(r)).build();
    }
}
