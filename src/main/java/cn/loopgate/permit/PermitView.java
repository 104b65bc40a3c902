package cn.loopgate.permit;

import cn.loopgate.firm.Firm;
import cn.loopgate.shared.Validity;

import java.time.Instant;
import java.time.LocalDate;

/**
 * A permit as its firm's manager and park's liaison see it: holder masked, with its QR text. {@code validTo}
 * is the stored exclusive end; {@code validFromDate}/{@code validUntilDate} are the inclusive days in the
 * park's zone, as printed; {@code plate} is set for passes only.
 */
public record PermitView(long id, PermitType type, String number, long firmId, String firmName, long parkId,
                         String holder, Instant validFrom, Instant validTo, Permit.Status status, PermitState state,
                         Instant issuedAt, String qr, String plate, LocalDate validFromDate, LocalDate validUntilDate) {

    static PermitView of(Permit p, Firm f, PermitState state, String qr, String plate) {
        Validity days = Validity.of(p.getValidFrom(), p.getValidTo(), f.getPark().zone());
        return new PermitView(p.getId(), p.getType(), p.getNumber(), p.getFirmId(), f.getName(), p.getParkId(),
                PermitDocuments.shownHolder(p), p.getValidFrom(), p.getValidTo(), p.getStatus(), state, p.getIssuedAt(), qr,
                plate, days.first(), days.last());
    }
}
