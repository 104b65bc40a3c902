package cn.loopgate.whitelist;

import cn.loopgate.permit.PermitDownload;
import cn.loopgate.shared.web.FacesSupport;
import cn.loopgate.shared.web.PageModel;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import org.primefaces.model.StreamedContent;

import java.io.Serializable;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** The liaison officer's review of card batches (liaison/cards.xhtml). */
@Named
@ViewScoped
public class CardReviewView implements Serializable {

    private static final long serialVersionUID = 1L;

    @Inject
    CardService cards;

    private CardBatch.Status status = CardBatch.Status.SUBMITTED;
    private CardViews.Batch open;
    private final Map<Long, Boolean> picked = new HashMap<>();
    private String reason;
    private PageModel<CardViews.BatchRow> batches;

    /** The queue, one page at a time (a park's liaison may have thousands of pending cards). */
    public PageModel<CardViews.BatchRow> getBatches() {
        if (batches == null) {
            batches = new PageModel<>((first, size) -> cards.batches(status, null, first, size), b -> String.valueOf(b.id()));
        }
        return batches;
    }

    public void open(long batchId) {
        open = cards.view(batchId);
        picked.clear();
        reason = null;
    }

    public void approveSelected() {
        decide(new CardCommands.Review(version(), false, pickedIds(), List.of()));
    }

    public void approveAll() {
        decide(new CardCommands.Review(version(), true, List.of(), List.of()));
    }

    public void rejectSelected() {
        decide(new CardCommands.Review(version(), false, List.of(),
                pickedIds().stream().map(id -> new CardCommands.Rejection(id, reason)).toList()));
    }

    private void decide(CardCommands.Review review) {
        if (open == null) {
            return;
        }
        long id = open.batch().id();
        java.util.Set<Long> pendingBefore = open.items().stream().filter(i -> i.status() == CardBatchItem.Status.PENDING)
                .map(CardViews.Item::id).collect(java.util.stream.Collectors.toSet());
        boolean done = FacesSupport.attempt(() -> cards.review(id, review)) != null;
        open = cards.view(id);
        picked.clear();
        if (done) {
            // say what happened, counted from the batch as it is now
            long approved = open.items().stream().filter(i -> pendingBefore.contains(i.id()) && i.status() == CardBatchItem.Status.APPROVED).count();
            long rejected = open.items().stream().filter(i -> pendingBefore.contains(i.id()) && i.status() == CardBatchItem.Status.REJECTED).count();
            FacesSupport.info("cards.reviewed", approved, rejected, open.batch().pending());
        }
    }

    private long version() {
        return open == null ? -1 : open.batch().version();
    }

    private List<Long> pickedIds() {
        return picked.entrySet().stream().filter(e -> Boolean.TRUE.equals(e.getValue())).map(Map.Entry::getKey).toList();
    }

    public CardBatch.Status[] getStatuses() { return CardBatch.Status.values(); }
    public CardBatch.Status getStatus() { return status; }
    public void setStatus(CardBatch.Status v) { status = v; }
    public CardViews.Batch getOpen() { return open; }

    /** The open batch has issued cards (some still active ones are checked by the service when printing). */
    public boolean isPrintable() {
        return open != null && open.items().stream().anyMatch(i -> i.permitId() != null);
    }

    /** The open batch's still-active cards as one PDF (a firm without a printer has them printed at the park). */
    public StreamedContent print() {
        return open == null ? null : PermitDownload.of(FacesSupport.attempt(() -> cards.batchDocument(open.batch().id())));
    }
    public Map<Long, Boolean> getPicked() { return picked; }
    public String getReason() { return reason; }
    public void setReason(String v) { reason = v; }
}
