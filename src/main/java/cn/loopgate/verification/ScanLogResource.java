package cn.loopgate.verification;

import cn.loopgate.shared.DomainException;
import cn.loopgate.shared.persistence.Page;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;

/** The scan log for liaison officers (their parks) and bureau analysts (all), paged with the total. */
@Path("/gate-scans")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "gate")
public class ScanLogResource {

    private static final ZoneId CHINA = ZoneId.of("Asia/Shanghai");

    @Inject
    ScanLog log;

    @GET
    @Operation(summary = "Scans, newest first: filter by park, gate, result, time (ISO instant, or a day in China time;"
            + " from inclusive, to inclusive for a day and exclusive for an instant) and permit number")
    public Page<ScanLog.Row> search(@QueryParam("parkId") Long parkId, @QueryParam("gateId") Long gateId,
                                    @QueryParam("result") String result, @QueryParam("from") String from,
                                    @QueryParam("to") String to, @QueryParam("permitNumber") String permitNumber,
                                    @QueryParam("offset") Integer offset, @QueryParam("limit") Integer limit) {
        return log.search(new ScanLog.Filter(parkId, gateId, verdict(result), time("from", from, false), time("to", to, true),
                permitNumber), Page.clampOffset(offset), Page.clampLimit(limit));
    }

    private static Verdict verdict(String s) {
        if (s == null || s.isBlank()) {
            return null;
        }
        try {
            return Verdict.valueOf(s.strip());
        } catch (IllegalArgumentException e) {
            throw DomainException.invalid("result", "validation.invalid");
        }
    }

    /** An instant, or a day (its start; for {@code to} the start of the next day, so the day is included). */
    private static Instant time(String field, String s, boolean end) {
        if (s == null || s.isBlank()) {
            return null;
        }
        try {
            if (s.strip().length() == 10) {
                LocalDate d = LocalDate.parse(s.strip());
                return (end ? d.plusDays(1) : d).atStartOfDay(CHINA).toInstant();
            }
            return Instant.parse(s.strip());
        } catch (DateTimeParseException e) {
            throw DomainException.invalid(field, "validation.invalid");
        }
    }
}
