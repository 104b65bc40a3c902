package cn.loopgate.verification;

import cn.loopgate.identity.AccessPolicy;
import cn.loopgate.identity.Caller;
import cn.loopgate.identity.Role;
import cn.loopgate.ops.Anonymous;
import cn.loopgate.ops.BusinessMetrics;
import cn.loopgate.permit.Permit;
import cn.loopgate.permit.PermitCodec;
import cn.loopgate.permit.PermitDocuments;
import cn.loopgate.permit.PermitService;
import cn.loopgate.permit.PermitType;
import cn.loopgate.permit.SigningKeys;
import cn.loopgate.shared.Validity;
import cn.loopgate.shared.persistence.Database;
import cn.loopgate.shared.validation.Validation;
import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

import javax.sql.DataSource;
import java.security.PublicKey;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.OffsetDateTime;

/**
 * Checks a scanned QR text. The signature must verify under a published key (key id in the code)
 * and the code must describe the permit stored under its id; then the permit's state is read live
 * from the database in one statement (no cache of any kind), so a revocation or suspension made on
 * another node shows at the very next scan. Every scan is logged ({@link ScanLedger}, committed before
 * the answer); REVOKED and FORGED alert the liaison officers of the permit's park (administrators when
 * no permit could be named).
 * <p>
 * The gate is the portal's busiest path, so it reads with plain JDBC outside any transaction: the JPA
 * version (two queries, an entity insert and a JTA commit per scan) spent most of its time in the
 * persistence layer (docs/performance.md, gate).
 */
@ApplicationScoped
@Transactional(Transactional.TxType.NOT_SUPPORTED)
public class GateService {

    /**
     * The permit with what the gate shows of its firm and park, as stored now, and for a pass the plate
     * from the pass it was issued for (the permit holds the driver as holder, and only a digest of the plate).
     */
    private static final String FACTS = "select p.type, p.number, p.firm_id, p.park_id, p.holder_name, p.holder_digest,"
            + " p.valid_from, p.valid_to, p.status, f.name, f.suspended_since is not null, k.name, k.time_zone, v.plate"
            + " from permit p join firm f on f.id = p.firm_id join park k on k.id = f.park_id"
            + " left join vehicle_pass v on p.type = 'PASS' and v.id = p.subject_id where p.id = ?";

    /** A permit as the gate needs it. */
    record Facts(long id, PermitType type, String number, long firmId, long parkId, String holderName, String holderDigest,
                 Instant validFrom, Instant validTo, Permit.Status status, String firmName, boolean firmSuspended,
                 String parkName, ZoneId zone, String plate) {
    }

    @Resource(lookup = Database.JNDI)
    DataSource dataSource;
    @Inject
    BusinessMetrics metrics;
    @Inject
    AccessPolicy access;
    @Inject
    SigningKeys keys;
    @Inject
    VerifiedCodes verifiedCodes;
    @Inject
    Validation validation;
    @Inject
    ScanLedger ledger;
    @Inject
    GateAlerts alerts;
    @Inject
    Clock clock;

    public ScanResult verify(GateCheck check) {
        Caller guard = access.require(Role.GUARD);
        GateCheck c = check == null ? new GateCheck(null, null) : check.normalized();
        validation.check(c);
        Instant now = clock.instant();

        PermitCodec.Signed signed;
        try {
            signed = PermitCodec.decode(c.content());
        } catch (PermitCodec.Malformed e) {
            return forged(c, guard, now, null, null);
        }
        String keyId = PermitCodec.keyIdText(signed.claims().keyId());
        PublicKey key = keys.publicKey(signed.claims().keyId());
        if (key == null || !verifiedCodes.verify(signed, signed.claims().keyId(), key)) {
            return forged(c, guard, now, keyId, null);
        }
        Facts p = facts(signed.claims().permitId());
        if (p == null || !describes(signed.claims(), p)) {
            // Signed by us but not this permit: treat as forged, and tell the park it claims to be from.
            return forged(c, guard, now, keyId, p);
        }
        Verdict v = Verdict.of(PermitService.stateAt(p.status(), p.validFrom(), p.validTo(), p.firmSuspended(), now));
        long scanId = log(now, c.gate(), guard, p, keyId, v);
        if (v.alerts()) {
            alerts.revoked(p.parkId(), c.gate(), p.number(), p.firmName());
        }
        Validity days = Validity.of(p.validFrom(), p.validTo(), p.zone());
        return new ScanResult(scanId, v, c.gate(), now, p.type(), p.number(), PermitDocuments.shownHolder(p.type(), p.holderName()),
                p.firmName(), p.parkName(), p.validFrom(), p.validTo(), p.plate(), days.first(), days.last());
    }

    private Facts facts(long permitId) {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(FACTS)) {
            ps.setLong(1, permitId);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    return null;
                }
                return new Facts(permitId, PermitType.valueOf(rs.getString(1)), rs.getString(2), rs.getLong(3), rs.getLong(4),
                        rs.getString(5), rs.getString(6), rs.getObject(7, OffsetDateTime.class).toInstant(),
                        rs.getObject(8, OffsetDateTime.class).toInstant(), Permit.Status.valueOf(rs.getString(9)),
                        rs.getString(10), rs.getBoolean(11), rs.getString(12), ZoneId.of(rs.getString(13)), rs.getString(14));
            }
        } catch (SQLException e) {
            throw new IllegalStateException("permit " + permitId + " not read", e);
        }
    }

    /**
     * The signed claims name this permit. A permit whose holder was anonymised by the retention job
     * (long expired by then) no longer has the holder's digest: its own signed QR is matched on type and
     * validity alone, so the gate says EXPIRED rather than FORGED.
     */
    private static boolean describes(PermitCodec.Claims claims, Facts p) {
        return claims.type() == p.type()
                && claims.validFrom() == p.validFrom().getEpochSecond()
                && claims.validTo() == p.validTo().getEpochSecond()
                && (claims.holderMatches(p.holderDigest()) || Anonymous.NAME.equals(p.holderName()));
    }

    private ScanResult forged(GateCheck c, Caller guard, Instant now, String keyId, Facts claimed) {
        long scanId = log(now, c.gate(), guard, claimed, keyId, Verdict.FORGED);
        alerts.forged(claimed == null ? null : claimed.parkId(), c.gate(), guard.displayName());
        return new ScanResult(scanId, Verdict.FORGED, c.gate(), now, null, null, null, null, null, null, null, null, null, null);
    }

    private long log(Instant now, String gate, Caller guard, Facts p, String keyId, Verdict v) {
        long id = ledger.append(new ScanLedger.Entry(now, gate, guard.username(), p == null ? null : p.id(),
                p == null ? null : p.firmId(), p == null ? null : p.parkId(), keyId, v));
        metrics.verified(v.name());
        return id;
    }
}
