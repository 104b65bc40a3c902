package cn.loopgate.dashboard;

import cn.loopgate.firm.FourAbove;
import cn.loopgate.firm.Industry;
import cn.loopgate.shared.DomainException;
import cn.loopgate.shared.Messages;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Locale;

/**
 * The dashboard's figures for other government systems: every figure with numerator, denominator,
 * percent and as-of instant (definitions: docs/metrics.md). Days are ISO dates ({@code 2026-11-20});
 * without {@code day}, today. Slices: {@code districtId}, {@code parkId}, {@code aboveSize},
 * {@code fourAbove}, {@code industry}. Access as {@link DashboardService} decides.
 */
@Path("/dashboard")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "dashboard")
public class DashboardResource {

    @Inject
    DashboardService dashboard;
    @Inject
    Bulletin bulletin;
    @Context
    HttpHeaders headers;

    @QueryParam("districtId")
    Long districtId;
    @QueryParam("parkId")
    Long parkId;
    @QueryParam("aboveSize")
    Boolean aboveSize;
    @QueryParam("fourAbove")
    FourAbove fourAbove;
    @QueryParam("industry")
    Industry industry;

    @GET
    @Path("figures")
    public Figures figures(@QueryParam("day") String day) {
        return dashboard.figures(date("day", day), slice());
    }

    @GET
    @Path("parks")
    public List<Figures> parks(@QueryParam("day") String day) {
        return dashboard.byPark(date("day", day), slice(), locale());
    }

    @GET
    @Path("trend")
    public List<Figures> trend(@QueryParam("from") String from, @QueryParam("to") String to) {
        return dashboard.trend(date("from", from), date("to", to), slice());
    }

    /** {@code list}: ALL (default), MISSING, ABNORMAL, STOPPED, NOT_RESUMED. */
    @GET
    @Path("firms")
    public List<FirmDay> firms(@QueryParam("day") String day, @QueryParam("list") DashboardService.FirmList list) {
        return dashboard.firms(date("day", day), slice(), list, locale());
    }

    @GET
    @Path("firms/{id}/history")
    public List<FirmDay> history(@PathParam("id") long id, @QueryParam("from") String from, @QueryParam("to") String to) {
        return dashboard.history(id, date("from", from), date("to", to), locale());
    }

    /** The daily bulletin as PDF, in the caller's language (Accept-Language or {@code lang=en}). */
    @GET
    @Path("bulletin.pdf")
    @Produces("application/pdf")
    public Response bulletinPdf(@QueryParam("day") String day, @QueryParam("lang") String lang) {
        Locale loc = lang != null ? Locale.forLanguageTag(lang) : locale();
        return Response.ok(bulletin.pdf(date("day", day), slice(), loc))
                .header("Content-Disposition", "attachment; filename=\"bulletin.pdf\"").build();
    }

    /** The parks table ({@code table=parks}), the trend ({@code trend}) or the firm list ({@code firms}) as Excel. */
    @GET
    @Path("export.xlsx")
    @Produces(ExcelExport.CONTENT_TYPE)
    public Response export(@QueryParam("table") String table, @QueryParam("day") String day,
                           @QueryParam("from") String from, @QueryParam("to") String to,
                           @QueryParam("list") DashboardService.FirmList list) {
        Locale loc = locale();
        Slice s = slice();
        byte[] data = switch (table == null ? "parks" : table) {
            case "trend" -> {
                List<Figures> days = dashboard.trend(date("from", from), date("to", to), s);
                Figures last = days.get(days.size() - 1);
                String range = days.get(0).day() + " – " + last.day();
                yield ExcelExport.figures(days, null, bulletin.subject(s, loc),
                        bulletin.exportTitle("dashboard.export.trend", s, range, last.asOf(), loc), loc);
            }
            case "firms" -> {
                LocalDate d = date("day", day);
                DashboardService.FirmList l = list == null ? DashboardService.FirmList.ALL : list;
                List<FirmDay> rows = dashboard.firms(d, s, l, loc);
                yield ExcelExport.firms(rows, bulletin.exportTitle("dashboard.list." + l.name(), s,
                        String.valueOf(d == null ? dashboard.today() : d), dashboard.asOf(d), loc), loc);
            }
            default -> {
                Figures all = dashboard.figures(date("day", day), s);
                yield ExcelExport.figures(dashboard.byPark(all.day(), s, loc), all, null,
                        bulletin.exportTitle("dashboard.export.parks", s, String.valueOf(all.day()), all.asOf(), loc), loc);
            }
        };
        return Response.ok(data).header("Content-Disposition", "attachment; filename=\"dashboard.xlsx\"").build();
    }

    private static LocalDate date(String field, String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return LocalDate.parse(value.strip());
        } catch (DateTimeParseException e) {
            throw DomainException.invalid(field, "dashboard.badDate");
        }
    }

    private Slice slice() {
        return new Slice(districtId, parkId, aboveSize, fourAbove, industry);
    }

    private Locale locale() {
        List<Locale> accepted = headers.getAcceptableLanguages();
        return Messages.supported(accepted.isEmpty() ? null : accepted.get(0));
    }
}
