package cn.loopgate.whitelist;

import cn.loopgate.firm.Firm;
import cn.loopgate.firm.FirmService;
import cn.loopgate.permit.Permit;
import cn.loopgate.permit.PermitDocuments;
import cn.loopgate.permit.PermitDownload;
import cn.loopgate.permit.PermitType;
import cn.loopgate.roster.Worker;
import cn.loopgate.roster.WorkerService;
import cn.loopgate.roster.WorkerView;
import cn.loopgate.shared.web.FacesSupport;
import cn.loopgate.shared.web.PageModel;
import jakarta.annotation.PostConstruct;
import jakarta.faces.context.FacesContext;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import org.primefaces.model.StreamedContent;

import java.io.Serializable;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The firm manager's whitelist cards (firm/cards.xhtml): pick workers, apply, see batches and cards, revoke
 * or reissue, and print (ticked cards, or the new cards of a batch) as one PDF.
 */
@Named
@ViewScoped
public class CardsView implements Serializable {

    private static final long serialVersionUID = 1L;
    private static final int SHOWN = 1000;

    @Inject
    CardService cards;
    @Inject
    WorkerService workers;
    @Inject
    FirmService firms;
    @Inject
    PermitDocuments documents;
    @Inject
    cn.loopgate.shared.ClockProducer clocks;

    private long firmId;
    private String suspendedReason;
    private String text;
    private List<WorkerView> candidates;
    private final Map<Long, Boolean> picked = new HashMap<>();
    private LocalDate validFrom;
    private LocalDate validTo;
    private String reason;
    private PageModel<CardViews.Card> cardModel;
    private final Map<Long, Boolean> toPrint = new HashMap<>();
    /** The batch a "cards approved" notice links to (?batch=N): the page offers to print it at once. */
    private Long readyBatch;

    @PostConstruct
    void init() {
        Firm f = firms.own();
        firmId = f.getId();
        suspendedReason = f.isSuspended() ? f.getSuspendedReason() : null;
        validFrom = f.getPark().today(clocks.clock().instant());
        validTo = validFrom.plusDays(29);
        reason = FacesSupport.text("cards.reasonLeft");
        String batch = FacesContext.getCurrentInstance().getExternalContext().getRequestParameterMap().get("batch");
        readyBatch = batch != null && batch.matches("\\d{1,18}") ? Long.valueOf(batch) : null;
        search();
    }

    public void search() {
        candidates = workers.list(firmId, new WorkerService.Filter(text, Worker.Status.ACTIVE), 0, SHOWN).items().stream()
                .map(WorkerView::masked).toList();
    }

    public void selectAll() {
        cards.activeWorkerIds(firmId, text).forEach(id -> picked.put(id, true));
    }

    public void clearSelection() {
        picked.clear();
    }

    public void apply() {
        List<Long> ids = picked.entrySet().stream().filter(e -> Boolean.TRUE.equals(e.getValue())).map(Map.Entry::getKey).toList();
        CardBatch b = FacesSupport.attempt(() -> cards.apply(firmId, new CardCommands.Apply(firmId, validFrom, validTo, ids)));
        if (b != null) {
            picked.clear();
            FacesSupport.info("cards.applied", ids.size());
        }
    }

    public void revoke(CardViews.Card c) {
        if (FacesSupport.attempt(() -> cards.revoke(firmId, c.id(), new CardCommands.Reason(reason))) != null) {
            FacesSupport.info("cards.revokedOne", c.number(), c.holderName());
        }
    }

    public void reissue(CardViews.Card c) {
        if (FacesSupport.attempt(() -> cards.reissue(firmId, c.id(), new CardCommands.Reason(reason))) != null) {
            FacesSupport.info("cards.reissuedOne", c.number(), c.holderName());
        }
    }

    /** The ticked cards as one A4 sheet PDF; revoked or replaced ones are refused by the service (409). */
    public StreamedContent printSelected() {
        List<Long> ids = toPrint.entrySet().stream().filter(e -> Boolean.TRUE.equals(e.getValue())).map(Map.Entry::getKey).toList();
        if (ids.isEmpty()) {
            FacesSupport.error("permit.nothingSelected");
            return null;
        }
        return PermitDownload.of(FacesSupport.attempt(() -> documents.ofFirm(firmId, PermitType.CARD, ids)));
    }

    /** The still-active cards one batch issued, as one PDF. */
    public StreamedContent printBatch(long batchId) {
        return PermitDownload.of(FacesSupport.attempt(() -> cards.batchDocument(batchId)));
    }

    /** Batches with cards issued (decided, or partly decided) offer printing. */
    public boolean printable(CardViews.BatchRow b) {
        return b.pending() < b.itemCount();
    }

    public List<CardViews.BatchRow> getBatches() {
        return cards.batches(null, firmId, 0, 50).items();
    }

    public PageModel<CardViews.Card> getCards() {
        if (cardModel == null) {
            cardModel = new PageModel<>((first, size) -> cards.cards(firmId, first, size), c -> String.valueOf(c.id()));
        }
        return cardModel;
    }

    public long getSelectedCount() {
        return picked.values().stream().filter(Boolean.TRUE::equals).count();
    }

    public boolean active(CardViews.Card c) {
        return c.status() == Permit.Status.ACTIVE;
    }

    public String getSuspendedReason() { return suspendedReason; }
    public Map<Long, Boolean> getToPrint() { return toPrint; }
    public Long getReadyBatch() { return readyBatch; }
    /** As text: a number argument would be grouped ("44,202") by the message format. */
    public String getReadyBatchNumber() { return readyBatch == null ? null : readyBatch.toString(); }
    public List<WorkerView> getCandidates() { return candidates; }
    public Map<Long, Boolean> getPicked() { return picked; }
    public String getText() { return text; }
    public void setText(String v) { text = v; }
    public LocalDate getValidFrom() { return validFrom; }
    public void setValidFrom(LocalDate v) { validFrom = v; }
    public LocalDate getValidTo() { return validTo; }
    public void setValidTo(LocalDate v) { validTo = v; }
    public String getReason() { return reason; }
    public void setReason(String v) { reason = v; }
}
