package cn.loopgate.whitelist;

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
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.net.URI;

/** Whitelist card applications (batches) and their review over the API. Lists are masked. */
@Path("/card-batches")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "whitelist")
public class CardBatchResource {

    @Inject
    CardService cards;

    /** A firm applies for cards; the body names the firm ({@code firmId}). */
    @POST
    public Response apply(CardCommands.Apply body) {
        CardCommands.Apply cmd = body == null ? new CardCommands.Apply(null, null, null, null) : body;
        CardBatch b = cards.apply(cmd.firmId() == null ? -1 : cmd.firmId(), cmd);
        return Response.created(URI.create("card-batches/" + b.getId())).entity(cards.view(b.getId())).build();
    }

    @GET
    public Page<CardViews.BatchRow> batches(@QueryParam("status") CardBatch.Status status, @QueryParam("firmId") Long firmId,
                                            @QueryParam("offset") Integer offset, @QueryParam("limit") Integer limit) {
        return cards.batches(status, firmId, Page.clampOffset(offset), Page.clampLimit(limit));
    }

    @GET
    @Path("{id}")
    public CardViews.Batch batch(@PathParam("id") long id) {
        return cards.view(id);
    }

    @POST
    @Path("{id}/review")
    public CardViews.Batch review(@PathParam("id") long id, CardCommands.Review body) {
        cards.review(id, body);
        return cards.view(id);
    }
}
