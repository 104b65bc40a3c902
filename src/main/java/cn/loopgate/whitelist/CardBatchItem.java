package cn.loopgate.whitelist;

import cn.loopgate.roster.Worker;
import cn.loopgate.shared.persistence.BaseEntity;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.FetchType;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.Table;

/** One worker in a card batch: pending, approved (with the card issued) or rejected with a reason. */
@Entity
@Table(name = "card_batch_item")
public class CardBatchItem extends BaseEntity {

    public enum Status { PENDING, APPROVED, REJECTED }

    @ManyToOne(fetch = FetchType.LAZY, optional = false)
    @JoinColumn(name = "batch_id")
    private CardBatch batch;
    @ManyToOne(fetch = FetchType.LAZY, optional = false)
    @JoinColumn(name = "worker_id")
    private Worker worker;
    @Enumerated(EnumType.STRING)
    @Column(nullable = false, length = 12)
    private Status status = Status.PENDING;
    @Column(length = 300)
    private String reason;
    @Column(name = "permit_id")
    private Long permitId;

    protected CardBatchItem() {
    }

    CardBatchItem(CardBatch batch, Worker worker) {
        this.batch = batch;
        this.worker = worker;
    }

    void approve(long permit) {
        status = Status.APPROVED;
        permitId = permit;
    }

    void reject(String why) {
        status = Status.REJECTED;
        reason = why;
    }

    public CardBatch getBatch() { return batch; }
    public Worker getWorker() { return worker; }
    public Status getStatus() { return status; }
    public String getReason() { return reason; }
    public Long getPermitId() { return permitId; }
}
