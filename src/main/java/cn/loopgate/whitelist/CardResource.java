package cn.loopgate.whitelist;

import cn.loopgate.permit.Permit;
import cn.loopgate.shared.persistence.Page;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.util.List;

/** A firm's whitelist cards over the API, with what a gate sees now; revocation and reissue. */
@Path("/firms/{firmId}/cards")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "whitelist")
public class CardResource {

    @Inject
    CardService cards;

    @GET
    public Page<CardViews.Card> cards(@PathParam("firmId") long firmId, @QueryParam("offset") Integer offset,
                                      @QueryParam("limit") Integer limit) {
        return cards.cards(firmId, Page.clampOffset(offset), Page.clampLimit(limit));
    }

    @GET
    @Path("{permitId}")
    public CardViews.Card card(@PathParam("firmId") long firmId, @PathParam("permitId") long permitId) {
        return cards.card(firmId, permitId);
    }

    @GET
    @Path("{permitId}/history")
    public List<CardViews.HistoryLine> history(@PathParam("firmId") long firmId, @PathParam("permitId") long permitId) {
        return cards.history(firmId, permitId);
    }

    @POST
    @Path("{permitId}/revoke")
    public CardViews.Card revoke(@PathParam("firmId") long firmId, @PathParam("permitId") long permitId, CardCommands.Reason body) {
        Permit p = cards.revoke(firmId, permitId, body);
        return cards.card(firmId, p.getId());
    }

    @POST
    @Path("{permitId}/reissue")
    public CardViews.Card reissue(@PathParam("firmId") long firmId, @PathParam("permitId") long permitId, CardCommands.Reason body) {
        Permit p = cards.reissue(firmId, permitId, body);
        return cards.card(firmId, p.getId());
    }
}
