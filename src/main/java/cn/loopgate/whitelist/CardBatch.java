package cn.loopgate.whitelist;

import cn.loopgate.firm.Firm;
import cn.loopgate.shared.persistence.BaseEntity;
import jakarta.persistence.CascadeType;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.FetchType;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.OneToMany;
import jakarta.persistence.OrderBy;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

/**
 * A firm's application for whitelist cards: workers and one validity window (park days, both
 * inclusive). The liaison officer decides each item; the batch is DECIDED when none is pending. Every
 * review changes the batch, so its version tells a reviewer that someone else acted meanwhile.
 */
@Entity
@Table(name = "card_batch")
public class CardBatch extends BaseEntity {

    public enum Status { SUBMITTED, DECIDED }

    @ManyToOne(fetch = FetchType.LAZY, optional = false)
    @JoinColumn(name = "firm_id")
    private Firm firm;
    @Column(name = "park_id", nullable = false)
    private long parkId;
    @Column(name = "valid_from", nullable = false)
    private LocalDate validFrom;
    @Column(name = "valid_to", nullable = false)
    private LocalDate validTo;
    @Enumerated(EnumType.STRING)
    @Column(nullable = false, length = 12)
    private Status status = Status.SUBMITTED;
    @Column(name = "item_count", nullable = false)
    private int itemCount;
    @Column(name = "submitted_at", nullable = false)
    private Instant submittedAt;
    @Column(name = "submitted_by", nullable = false, length = 64)
    private String submittedBy;
    @Column(name = "decided_at")
    private Instant decidedAt;
    @Column(name = "decided_by", length = 64)
    private String decidedBy;
    @OneToMany(mappedBy = "batch", cascade = CascadeType.PERSIST)
    @OrderBy("id")
    private List<CardBatchItem> items = new ArrayList<>();
    @Version
    private long version;

    protected CardBatch() {
    }

    CardBatch(Firm firm, LocalDate validFrom, LocalDate validTo, Instant now, String by) {
        this.firm = firm;
        this.parkId = firm.getPark().getId();
        this.validFrom = validFrom;
        this.validTo = validTo;
        this.submittedAt = now;
        this.submittedBy = by;
    }

    void add(CardBatchItem item) {
        items.add(item);
        itemCount = items.size();
    }

    /** Marks a review: the batch changes (and its version moves on) even when only items were decided. */
    void reviewed(Instant now, String by) {
        this.decidedAt = now;
        this.decidedBy = by;
        if (items.stream().noneMatch(i -> i.getStatus() == CardBatchItem.Status.PENDING)) {
            status = Status.DECIDED;
        }
    }

    public Firm getFirm() { return firm; }
    public long getParkId() { return parkId; }
    public LocalDate getValidFrom() { return validFrom; }
    public LocalDate getValidTo() { return validTo; }
    public Status getStatus() { return status; }
    public int getItemCount() { return itemCount; }
    public Instant getSubmittedAt() { return submittedAt; }
    public String getSubmittedBy() { return submittedBy; }
    public Instant getDecidedAt() { return decidedAt; }
    public String getDecidedBy() { return decidedBy; }
    public List<CardBatchItem> getItems() { return items; }
    public long getVersion() { return version; }
}
