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
import cn.loopgate.shared.DomainException;
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
import java.sql.Types;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.OffsetDateTime;

/**
 * Checks a scanned QR text at one of the guard's gates. The signature must verify under a published key (key
 * id in the code) and the code must describe the permit stored under its id; then the permit's state is read
 * live from the database (no cache of any kind), so a revocation or suspension made on another node shows at
 * the very next scan. A genuine permit of another park answers WRONG_PARK unless the gate's park admits
 * other parks' permits. Every call is logged ({@link ScanLedger}, committed before the answer), refusals
 * (400) too; REVOKED and FORGED are counted for the grouped alerts ({@link GateAlerts}), off the scan's path.
 * <p>
 * The gate is the portal's busiest path, so it reads with plain JDBC outside any transaction, the gate and
 * the permit in one statement: the JPA version (two queries, an entity insert and a JTA commit per scan)
 * spent most of its time in the persistence layer (docs/performance.md, gate).
 */
@ApplicationScoped
@Transactional(Transactional.TxType.NOT_SUPPORTED)
public class GateService {

    /**
     * The guard's gate (by id, or by name when no id is given) with its park's policy, and the permit with what
     * the gate shows of its firm and park, as stored now, and for a pass the plate from the pass it was issued for
     * (the permit holds the driver as holder, and only a digest of the plate); null columns when the code names no
     * permit. Two rows: the name is the guard's at two parks.
     */
    private static final String FACTS = "select g.id, g.park_id, g.name, gk.admits_other_parks,"
            + " p.type, p.number, p.firm_id, p.park_id, p.holder_name, p.holder_digest,"
            + " p.valid_from, p.valid_to, p.status, f.name, f.suspended_since is not null, k.name, k.time_zone, v.plate"
            + " from gate g join park gk on gk.id = g.park_id join gate_guard gg on gg.gate_id = g.id and gg.user_id = ?"
            + " left join (permit p join firm f on f.id = p.firm_id join park k on k.id = f.park_id"
            + " left join vehicle_pass v on p.type = 'PASS' and v.id = p.subject_id) on p.id = ?"
            + " where g.active and (g.id = ? or g.name = ?) limit 2";

    /** The gate a scan happens at. */
    record At(long id, long parkId, String name, boolean admitsOtherParks) {
    }

    /** A permit as the gate needs it. */
    record Facts(long id, PermitType type, String number, long firmId, long parkId, String holderName, String holderDigest,
                 Instant validFrom, Instant validTo, Permit.Status status, String firmName, boolean firmSuspended,
                 String parkName, ZoneId zone, String plate) {
    }

    private record Lookup(At gate, Facts permit) {
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
        GateCheck c = check == null ? new GateCheck(null, null, null) : check.normalized();
        Instant now = clock.instant();
        try {
            validation.check(c, c.gate() == null && c.gateId() == null
                    ? java.util.List.of(new DomainException.FieldError("gate", "validation.required")) : java.util.List.of());
        } catch (DomainException e) {
            refuse(now, c, guard, null);
            throw e;
        }

        PermitCodec.Signed signed = null;
        try {
            signed = PermitCodec.decode(c.content());
        } catch (PermitCodec.Malformed e) {
            // Unreadable: FORGED, naming no permit (below).
        }
        Lookup found = lookup(guard, c, signed == null ? null : signed.claims().permitId());
        At gate = found.gate();
        if (signed == null) {
            return forged(now, gate, guard, null, null);
        }
        String keyId = PermitCodec.keyIdText(signed.claims().keyId());
        PublicKey key = keys.publicKey(signed.claims().keyId());
        Facts p = found.permit();
        if (key == null || !verifiedCodes.verify(signed, signed.claims().keyId(), key) || p == null
                || !describes(signed.claims(), p)) {
            // Not signed by us, or signed but not this permit (an altered genuine card): forged. When the code
            // names a real permit, that permit's park is told, not the administrators.
            return forged(now, gate, guard, keyId, p);
        }
        Verdict v = Verdict.of(PermitService.stateAt(p.status(), p.validFrom(), p.validTo(), p.firmSuspended(), now));
        if (v != Verdict.REVOKED && p.parkId() != gate.parkId() && !gate.admitsOtherParks()) {
            // A revoked permit says so wherever it is shown (and alerts its park); any other is not for this park.
            v = Verdict.WRONG_PARK;
        }
        long scanId = log(now, gate, guard, p, keyId, v);
        if (v == Verdict.REVOKED) {
            alerts.revoked(p.parkId(), gate.id(), gate.name(), p.number(), p.firmName());
        }
        Validity days = Validity.of(p.validFrom(), p.validTo(), p.zone());
        return new ScanResult(scanId, v, gate.name(), now, p.type(), p.number(), PermitDocuments.shownHolder(p.type(), p.holderName()),
                p.firmName(), p.parkName(), p.validFrom(), p.validTo(), p.plate(), days.first(), days.last());
    }

    /** The gate (400, logged, when it is none of the guard's active gates) and the permit the code names. */
    private Lookup lookup(Caller guard, GateCheck c, Long permitId) {
        At gate = null;
        Facts permit = null;
        int rows = 0;
        try (Connection con = dataSource.getConnection(); PreparedStatement ps = con.prepareStatement(FACTS)) {
            ps.setLong(1, guard.userId() == null ? -1L : guard.userId());
            if (permitId == null) {
                ps.setNull(2, Types.BIGINT);
            } else {
                ps.setLong(2, permitId);
            }
            if (c.gateId() != null) {
                ps.setLong(3, c.gateId());
                ps.setNull(4, Types.VARCHAR);
            } else {
                ps.setNull(3, Types.BIGINT);
                ps.setString(4, c.gate());
            }
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    rows++;
                    gate = new At(rs.getLong(1), rs.getLong(2), rs.getString(3), rs.getBoolean(4));
                    permit = rs.getString(5) == null ? null : new Facts(permitId, PermitType.valueOf(rs.getString(5)),
                            rs.getString(6), rs.getLong(7), rs.getLong(8), rs.getString(9), rs.getString(10),
                            rs.getObject(11, OffsetDateTime.class).toInstant(), rs.getObject(12, OffsetDateTime.class).toInstant(),
                            Permit.Status.valueOf(rs.getString(13)), rs.getString(14), rs.getBoolean(15), rs.getString(16),
                            ZoneId.of(rs.getString(17)), rs.getString(18));
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("gate and permit " + permitId + " not read", e);
        }
        if (rows != 1) {
            refuse(clock.instant(), c, guard, null);
            throw DomainException.invalid("gate", rows == 0 ? "gate.notYours" : "gate.ambiguous");
        }
        return new Lookup(gate, permit);
    }

    /**
     * The signed claims name this permit. A permit whose holder was anonymised by the retention job
     * (long expired by then) no longer has the holder's digest: its own signed QR is matched on type and
     * validity alone, so the gate says EXPIRED rather than FORGED.
     */
    static boolean describes(PermitCodec.Claims claims, Facts p) {
        return claims.type() == p.type()
                && claims.validFrom() == p.validFrom().getEpochSecond()
                && claims.validTo() == p.validTo().getEpochSecond()
                && (claims.holderMatches(p.holderDigest()) || Anonymous.NAME.equals(p.holderName()));
    }

    private ScanResult forged(Instant now, At gate, Caller guard, String keyId, Facts claimed) {
        long scanId = log(now, gate, guard, claimed, keyId, Verdict.FORGED);
        alerts.forged(claimed == null ? null : claimed.parkId(), gate.id(), gate.name());
        return new ScanResult(scanId, Verdict.FORGED, gate.name(), now, null, null, null, null, null, null, null, null, null, null);
    }

    private long log(Instant now, At gate, Caller guard, Facts p, String keyId, Verdict v) {
        long id = ledger.append(new ScanLedger.Entry(now, gate.name(), guard.username(), p == null ? null : p.id(),
                p == null ? null : p.firmId(), p == null ? null : p.parkId(), keyId, v, gate.id(), gate.parkId()));
        metrics.verified(v.name());
        return id;
    }

    /** A call answered 400 is logged as REFUSED with the gate as given (cut to the column's width). */
    private void refuse(Instant now, GateCheck c, Caller guard, At gate) {
        String given = gate != null ? gate.name() : c.gate() != null ? c.gate() : c.gateId() != null ? "#" + c.gateId() : "";
        ledger.append(new ScanLedger.Entry(now, given.length() > 60 ? given.substring(0, 60) : given, guard.username(),
                null, null, null, null, Verdict.REFUSED, gate == null ? null : gate.id(), gate == null ? null : gate.parkId()));
        metrics.verified(Verdict.REFUSED.name());
    }
}
