package cn.loopgate.audit;

import cn.loopgate.shared.persistence.Page;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.time.Instant;
import java.util.List;

/** The audit trail, read-only: there is no endpoint that changes it. */
@Path("/audit")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "audit")
public class AuditResource {

    @Inject
    AuditService audit;

    public record AuditView(long id, Instant at, String actor, String actorRole, String objectType, Long objectId,
                            String action, String before, String after, String reason) {
        static AuditView of(AuditEntry e) {
            return new AuditView(e.getId(), e.getAt(), e.getActor(), e.getActorRole(), e.getObjectType(), e.getObjectId(),
                    e.getAction(), e.getBeforeState(), e.getAfterState(), e.getReason());
        }
    }

    @GET
    public Page<AuditView> search(@QueryParam("actor") String actor, @QueryParam("objectType") String objectType,
                                  @QueryParam("objectId") Long objectId, @QueryParam("action") String action,
                                  @QueryParam("from") String from, @QueryParam("to") String to,
                                  @QueryParam("offset") Integer offset, @QueryParam("limit") Integer limit) {
        return audit.search(new AuditService.Filter(actor, objectType, objectId, action, instant(from), instant(to)),
                Page.clampOffset(offset), Page.clampLimit(limit)).map(AuditView::of);
    }

    @GET
    @Path("{type}/{id}")
    public List<AuditView> history(@PathParam("type") String type, @PathParam("id") long id) {
        return audit.historyOf(type, id).stream().map(AuditView::of).toList();
    }

    private static Instant instant(String s) {
        if (s == null || s.isBlank()) {
            return null;
        }
        try {
            return Instant.parse(s);
        } catch (java.time.format.DateTimeParseException e) {
            throw cn.loopgate.shared.DomainException.invalid("from", "validation.invalid");
        }
    }
}
