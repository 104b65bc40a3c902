package cn.loopgate.notification;

import cn.loopgate.shared.Messages;
import cn.loopgate.shared.rest.Problems;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.time.Instant;
import java.util.List;

/** The caller's own notifications. */
@Path("/notifications")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "notifications")
public class NotificationResource {

    @Inject
    NotificationService notifications;
    @Context
    HttpHeaders headers;

    public record NotificationView(long id, String kind, String text, String link, Instant createdAt, Instant readAt) {
    }

    @GET
    public List<NotificationView> inbox(@QueryParam("limit") Integer limit) {
        var locale = Problems.locale(headers);
        return notifications.inbox(limit == null ? 50 : limit).stream()
                .map(n -> new NotificationView(n.getId(), n.getKind(), Messages.get(locale, n.getMessageKey(), n.argArray()),
                        n.getLink(), n.getCreatedAt(), n.getReadAt()))
                .toList();
    }

    @POST
    @Path("{id}/read")
    public void read(@PathParam("id") long id) {
        notifications.markRead(id);
    }

    @POST
    @Path("read-all")
    public void readAll() {
        notifications.markAllRead();
    }
}
