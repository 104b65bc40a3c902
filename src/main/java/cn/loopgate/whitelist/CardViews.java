package cn.loopgate.whitelist;

import cn.loopgate.permit.Permit;
import cn.loopgate.permit.PermitState;
import cn.loopgate.shared.Masking;
import cn.loopgate.shared.Validity;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;

/** What pages and the API show of batches and cards; resident IDs always masked. */
public final class CardViews {

    private CardViews() {
    }

    public record BatchRow(long id, long firmId, String firmName, long parkId, LocalDate validFrom, LocalDate validTo,
                           CardBatch.Status status, int itemCount, long pending, Instant submittedAt, long version) implements java.io.Serializable {
        static BatchRow of(CardBatch b) {
            return of(b, b.getItems().stream().filter(i -> i.getStatus() == CardBatchItem.Status.PENDING).count());
        }

        /** With the pending count already known (lists count them for a whole page in one query). */
        static BatchRow of(CardBatch b, long pending) {
            return new BatchRow(b.getId(), b.getFirm().getId(), b.getFirm().getName(), b.getParkId(), b.getValidFrom(),
                    b.getValidTo(), b.getStatus(), b.getItemCount(), pending, b.getSubmittedAt(), b.getVersion());
        }
    }

    public record Item(long id, long workerId, String name, String residentId, String job, CardBatchItem.Status status,
                       String reason, Long permitId) implements java.io.Serializable {
        static Item of(CardBatchItem i) {
            return new Item(i.getId(), i.getWorker().getId(), i.getWorker().getName(),
                    Masking.residentId(i.getWorker().getResidentId()), i.getWorker().getJob(), i.getStatus(), i.getReason(),
                    i.getPermitId());
        }
    }

    public record Batch(BatchRow batch, List<Item> items) implements java.io.Serializable {
    }

    /**
     * A card as of now: its stored status and what a gate would see ({@code state}). {@code validTo} is the
     * stored exclusive end; {@code validFromDate}/{@code validUntilDate} the inclusive days in the park's zone.
     */
    public record Card(long id, String number, Long workerId, String holderName, Instant validFrom, Instant validTo,
                       Permit.Status status, PermitState state, String revokeReason, Long replacedBy, Instant issuedAt,
                       LocalDate validFromDate, LocalDate validUntilDate) implements java.io.Serializable {
        static Card of(Permit p, PermitState state, ZoneId zone) {
            Validity days = Validity.of(p.getValidFrom(), p.getValidTo(), zone);
            return new Card(p.getId(), p.getNumber(), p.getSubjectId(), p.getHolderName(), p.getValidFrom(), p.getValidTo(),
                    p.getStatus(), state, p.getRevokeReason(), p.getReplacedBy(), p.getIssuedAt(), days.first(), days.last());
        }
    }

    /** One line of a permit's history (from the audit trail). */
    public record HistoryLine(Instant at, String actor, String action, String reason, String after) {
    }
}
