package cn.loopgate.verification;

import cn.loopgate.audit.AuditService;
import cn.loopgate.identity.AccessPolicy;
import cn.loopgate.identity.Caller;
import cn.loopgate.identity.Role;
import cn.loopgate.ops.BusinessMetrics;
import cn.loopgate.permit.Permit;
import cn.loopgate.permit.PermitCodec;
import cn.loopgate.permit.PermitService;
import cn.loopgate.permit.PermitType;
import cn.loopgate.permit.SigningKeys;
import cn.loopgate.shared.DomainException;
import cn.loopgate.shared.DomainException.FieldError;
import cn.loopgate.shared.persistence.Database;
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
import java.sql.Timestamp;
import java.sql.Types;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * Scans a guard's phone verified offline (signature and cached revocation list in the browser) and uploads
 * when the network is back. Each is checked again as the gate checks a live scan, but for the time it was
 * made: a permit revoked, or a firm suspended, after that moment does not count against it, one revoked
 * before does (the phone's list may have been older). The row goes into the scan log with its original time,
 * the server's verdict, what the phone showed and the upload time; REVOKED and FORGED raise the usual alerts.
 * A scan at a gate that is no longer one of the guard's active gates is logged REFUSED. The phone's id for
 * each scan makes a repeated upload (answer lost on the way back) store nothing twice. One audit entry per
 * upload, in the same transaction as the rows.
 */
@ApplicationScoped
@Transactional
public class OfflineScans {

    /** Scans per upload; the phone sends its queue in slices of this size. */
    public static final int MAX_BATCH = 200;
    /** How old a queued scan may be: a phone offline longer than this has its scans refused (400). */
    static final Duration MAX_AGE = Duration.ofDays(7);
    /** Clock skew tolerated between the phone and the server. */
    static final Duration SKEW = Duration.ofMinutes(5);

    static final Set<String> OFFLINE_RESULTS = Set.of("VALID", "EXPIRED", "NOT_YET_VALID", "REVOKED", "SUSPENDED", "FORGED",
            "WRONG_PARK", "UNCONFIRMED");
    private static final Pattern UUID_TEXT = Pattern.compile("[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");

    private static final String FACTS = "select g.id, g.park_id, g.name, gk.admits_other_parks,"
            + " p.type, p.number, p.firm_id, p.park_id, p.holder_name, p.holder_digest, p.valid_from, p.valid_to, p.status,"
            + " p.revoked_at, f.name, f.suspended_since, k.name, k.time_zone"
            + " from gate g join park gk on gk.id = g.park_id"
            + GuardedGates.CONDITION
            + " left join (permit p join firm f on f.id = p.firm_id join park k on k.id = f.park_id) on p.id = ?"
            + " where g.active and g.id = ?";

    private static final String INSERT = "insert into gate_scan (scanned_at, gate, guard, permit_id, firm_id, park_id, key_id,"
            + " result, gate_id, gate_park_id, offline_result, uploaded_at, client_scan_id)"
            + " values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
            + " on conflict (guard, client_scan_id) where client_scan_id is not null do nothing returning id";

    /** The permit as it stood at the scan's time, with the facts GateService uses. */
    private record Found(GateService.At gate, GateService.Facts permit, Instant revokedAt, Instant suspendedSince) {
    }

    @Resource(lookup = Database.JNDI)
    DataSource dataSource;
    @Inject
    AccessPolicy access;
    @Inject
    SigningKeys keys;
    @Inject
    VerifiedCodes verifiedCodes;
    @Inject
    GateAlerts alerts;
    @Inject
    AuditService audit;
    @Inject
    BusinessMetrics metrics;
    @Inject
    Clock clock;

    public List<QueuedScan.Outcome> upload(QueuedScan.Batch batch) {
        Caller guard = access.require(Role.GUARD);
        Instant now = clock.instant();
        List<QueuedScan> scans = batch == null || batch.scans() == null ? List.of() : batch.scans();
        check(scans, now);
        List<QueuedScan.Outcome> outcomes = new ArrayList<>();
        int stored = 0;
        int differing = 0;
        try (Connection con = dataSource.getConnection()) {
            for (QueuedScan s : scans) {
                QueuedScan.Outcome o = one(con, guard, s, now);
                outcomes.add(o);
                if (!o.duplicate()) {
                    stored++;
                    if (o.offlineResult() != null && !o.offlineResult().equals(o.result().name())) {
                        differing++;
                    }
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("offline scans not stored", e);
        }
        Map<String, Object> after = new LinkedHashMap<>();
        after.put("uploadedScans", scans.size());
        after.put("storedScans", stored);
        after.put("differingVerdicts", differing);
        audit.record(new AuditService.Subject("GateScan", null, null, null), "UPLOAD", null, after, null);
        return outcomes;
    }

    private QueuedScan.Outcome one(Connection con, Caller guard, QueuedScan s, Instant now) throws SQLException {
        UUID clientId = UUID.fromString(s.clientId());
        Instant at = s.scannedAt();
        PermitCodec.Signed signed = null;
        try {
            signed = PermitCodec.decode(s.content());
        } catch (PermitCodec.Malformed e) {
            // unreadable: FORGED, naming no permit
        }
        Found found = find(con, guard, s.gateId(), signed == null ? null : signed.claims().permitId());
        if (found == null) {
            return store(con, guard, s, clientId, now, new ScanLedger.Entry(at, "#" + s.gateId(), guard.username(), null, null, null,
                    null, Verdict.REFUSED, null, null, null), null);
        }
        GateService.At gate = found.gate();
        GateService.Facts p = found.permit();
        String keyId = signed == null ? null : PermitCodec.keyIdText(signed.claims().keyId());
        PublicKey key = signed == null ? null : keys.publicKey(signed.claims().keyId());
        if (signed == null || key == null || !verifiedCodes.verify(signed, signed.claims().keyId(), key) || p == null
                || !GateService.describes(signed.claims(), p)) {
            return store(con, guard, s, clientId, now, entry(at, gate, guard, p, keyId, Verdict.FORGED), p);
        }
        // The permit's state at the scan's time: revocations and suspensions after it do not count.
        Permit.Status status = found.revokedAt() != null && found.revokedAt().isAfter(at) ? Permit.Status.ACTIVE : p.status();
        boolean suspended = found.suspendedSince() != null && !found.suspendedSince().isAfter(at);
        Verdict v = Verdict.of(PermitService.stateAt(status, p.validFrom(), p.validTo(), suspended, at));
        if (v != Verdict.REVOKED && p.parkId() != gate.parkId() && !gate.admitsOtherParks()) {
            v = Verdict.WRONG_PARK;
        }
        return store(con, guard, s, clientId, now, entry(at, gate, guard, p, keyId, v), p);
    }

    private static ScanLedger.Entry entry(Instant at, GateService.At gate, Caller guard, GateService.Facts p, String keyId, Verdict v) {
        return new ScanLedger.Entry(at, gate.name(), guard.username(), p == null ? null : p.id(), p == null ? null : p.firmId(),
                p == null ? null : p.parkId(), keyId, v, gate.id(), gate.parkId(), null);
    }

    private QueuedScan.Outcome store(Connection con, Caller guard, QueuedScan s, UUID clientId, Instant now, ScanLedger.Entry e,
                                     GateService.Facts p) throws SQLException {
        String shown = s.offlineResult() == null || s.offlineResult().isBlank() ? null : s.offlineResult().strip();
        try (PreparedStatement ps = con.prepareStatement(INSERT)) {
            ps.setTimestamp(1, Timestamp.from(e.scannedAt()));
            ps.setString(2, e.gate());
            ps.setString(3, e.guard());
            setLong(ps, 4, e.permitId());
            setLong(ps, 5, e.firmId());
            setLong(ps, 6, e.parkId());
            ps.setString(7, e.keyId());
            ps.setString(8, e.result().name());
            setLong(ps, 9, e.gateId());
            setLong(ps, 10, e.gateParkId());
            ps.setString(11, shown);
            ps.setTimestamp(12, Timestamp.from(now));
            ps.setObject(13, clientId);
            try (ResultSet rs = ps.executeQuery()) {
                if (rs.next()) {
                    metrics.verified(e.result().name());
                    if (e.result() == Verdict.REVOKED) {
                        alerts.revoked(p.parkId(), e.gateId(), e.gate(), p.number(), p.firmName());
                    } else if (e.result() == Verdict.FORGED) {
                        alerts.forged(p == null ? null : p.parkId(), e.gateId(), e.gate());
                    }
                    return new QueuedScan.Outcome(s.clientId(), rs.getLong(1), e.result(), shown, false);
                }
            }
        }
        // Uploaded before (its answer was lost): the row as first stored.
        try (PreparedStatement ps = con.prepareStatement("select id, result, offline_result from gate_scan where guard = ? and client_scan_id = ?")) {
            ps.setString(1, guard.username());
            ps.setObject(2, clientId);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return new QueuedScan.Outcome(s.clientId(), rs.getLong(1), Verdict.valueOf(rs.getString(2)), rs.getString(3), true);
            }
        }
    }

    /** The guard's active gate with that id and the permit the code names; null when the gate is not theirs. */
    private Found find(Connection con, Caller guard, long gateId, Long permitId) throws SQLException {
        try (PreparedStatement ps = con.prepareStatement(FACTS)) {
            GuardedGates.bind(ps, guard);
            if (permitId == null) {
                ps.setNull(3, Types.BIGINT);
            } else {
                ps.setLong(3, permitId);
            }
            ps.setLong(4, gateId);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    return null;
                }
                GateService.At gate = new GateService.At(rs.getLong(1), rs.getLong(2), rs.getString(3), rs.getBoolean(4), null);
                if (rs.getString(5) == null) {
                    return new Found(gate, null, null, null);
                }
                OffsetDateTime revoked = rs.getObject(14, OffsetDateTime.class);
                OffsetDateTime suspended = rs.getObject(16, OffsetDateTime.class);
                GateService.Facts p = new GateService.Facts(permitId, PermitType.valueOf(rs.getString(5)), rs.getString(6),
                        rs.getLong(7), rs.getLong(8), rs.getString(9), rs.getString(10),
                        rs.getObject(11, OffsetDateTime.class).toInstant(), rs.getObject(12, OffsetDateTime.class).toInstant(),
                        Permit.Status.valueOf(rs.getString(13)), rs.getString(15), suspended != null, rs.getString(17),
                        // Tests and temperature are the gate's online checks of the person: a queued scan re-checks the permit only.
                        ZoneId.of(rs.getString(18)), null, null, null, false);
                return new Found(gate, p, revoked == null ? null : revoked.toInstant(), suspended == null ? null : suspended.toInstant());
            }
        }
    }

    /** Every item checked; errors name it ({@code scans[3].scannedAt}). Nothing is stored when one is wrong. */
    private static void check(List<QueuedScan> scans, Instant now) {
        List<FieldError> errors = new ArrayList<>();
        if (scans.isEmpty()) {
            errors.add(new FieldError("scans", "validation.required"));
        } else if (scans.size() > MAX_BATCH) {
            errors.add(new FieldError("scans", "gate.offline.tooMany", MAX_BATCH));
        }
        for (int i = 0; i < scans.size() && errors.size() < 20; i++) {
            QueuedScan s = scans.get(i);
            String at = "scans[" + i + "].";
            if (s == null) {
                errors.add(new FieldError("scans[" + i + "]", "validation.required"));
                continue;
            }
            if (s.clientId() == null || !UUID_TEXT.matcher(s.clientId()).matches()) {
                errors.add(new FieldError(at + "clientId", s.clientId() == null ? "validation.required" : "validation.invalid"));
            }
            if (s.gateId() == null) {
                errors.add(new FieldError(at + "gateId", "validation.required"));
            }
            if (s.content() == null || s.content().isBlank()) {
                errors.add(new FieldError(at + "content", "validation.required"));
            } else if (s.content().length() > 400) {
                errors.add(new FieldError(at + "content", "validation.invalid"));
            }
            if (s.scannedAt() == null) {
                errors.add(new FieldError(at + "scannedAt", "validation.required"));
            } else if (s.scannedAt().isAfter(now.plus(SKEW))) {
                errors.add(new FieldError(at + "scannedAt", "gate.offline.future"));
            } else if (s.scannedAt().isBefore(now.minus(MAX_AGE))) {
                errors.add(new FieldError(at + "scannedAt", "gate.offline.tooOld", MAX_AGE.toDays()));
            }
            if (s.offlineResult() != null && !s.offlineResult().isBlank() && !OFFLINE_RESULTS.contains(s.offlineResult().strip())) {
                errors.add(new FieldError(at + "offlineResult", "validation.invalid"));
            }
        }
        if (!errors.isEmpty()) {
            throw DomainException.invalid(errors);
        }
    }

    private static void setLong(PreparedStatement ps, int i, Long v) throws SQLException {
        if (v == null) {
            ps.setNull(i, Types.BIGINT);
        } else {
            ps.setLong(i, v);
        }
    }
}
