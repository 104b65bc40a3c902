package cn.loopgate.permit;

import cn.loopgate.firm.Firm;

import java.time.Instant;

/** A permit as its firm's manager and park's liaison see it: holder masked, with its QR text. */
public record PermitView(long id, PermitType type, String number, long firmId, String firmName, long parkId,
                         String holder, Instant validFrom, Instant validTo, Permit.Status status, PermitState state,
                         Instant issuedAt, String qr) {

    static PermitView of(Permit p, Firm f, PermitState state, String qr) {
        return new PermitView(p.getId(), p.getType(), p.getNumber(), p.getFirmId(), f.getName(), p.getParkId(),
                PermitDocuments.shownHolder(p), p.getValidFrom(), p.getValidTo(), p.getStatus(), state, p.getIssuedAt(), qr);
    }
}
