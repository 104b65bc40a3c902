package cn.loopgate.verification;

import cn.loopgate.health.HealthRules;
import cn.loopgate.health.TestResult;
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
 * other parks' permits. The person behind a valid permit is checked from the same read (issue 20): a positive
 * newest test answers POSITIVE, a temperature at or over the park's threshold FEVER (alerted like REVOKED, off the
 * scan's path), an overdue test TEST_OVERDUE or, where the park only warns, VALID with a warning. Every call is logged ({@link ScanLedger}, committed before the answer), refusals
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
     * <p>
     * The person (issue 20), in the same statement so the check costs no second round trip: the health policy in
     * force at the gate's park (newest version), and for a card (whose subject is the worker) the newest negative
     * sample, the newest known result (pending ones wait) and whether a health hold suspends the card — the
     * worker's own or the whole firm's. Each is an index look-up ({@code health_test_worker_idx}, the partial
     * {@code health_hold} indexes, {@code health_policy_park_idx}).
     */
    private static final String FACTS = "select g.id, g.park_id, g.name, gk.admits_other_parks,"
            + " p.type, p.number, p.firm_id, p.park_id, p.holder_name, p.holder_digest,"
            + " p.valid_from, p.valid_to, p.status, f.name, f.suspended_since is not null, k.name, k.time_zone, v.plate,"
            + " hp.test_interval_hours, hp.overdue_action, hp.fever_threshold, hp.suspend_firm, tn.sampled_at, tr.result,"
            + " p.type = 'CARD' and exists (select 1 from health_hold h where h.lifted_at is null and h.firm_id = p.firm_id"
            + " and (h.worker_id = p.subject_id or h.worker_id is null))"
            + " from gate g join park gk on gk.id = g.park_id"
            + GuardedGates.CONDITION
            + " left join (permit p join firm f on f.id = p.firm_id join park k on k.id = f.park_id"
            + " left join vehicle_pass v on p.type = 'PASS' and v.id = p.subject_id) on p.id = ?"
            + " left join lateral (select x.test_interval_hours, x.overdue_action, x.fever_threshold, x.suspend_firm"
            + " from health_policy x where x.park_id = g.park_id order by x.id desc limit 1) hp on true"
            + " left join lateral (select t.sampled_at from health_test t where p.type = 'CARD' and t.worker_id = p.subject_id"
            + " and t.result = 'NEGATIVE' order by t.sampled_at desc limit 1) tn on true"
            + " left join lateral (select t.result from health_test t where p.type = 'CARD' and t.worker_id = p.subject_id"
            + " and t.result <> 'PENDING' order by t.sampled_at desc, t.id desc limit 1) tr on true"
            + " where g.active and (g.id = ? or g.name = ?) limit 2";

    /** The gate a scan happens at, with its park's health policy. */
    record At(long id, long parkId, String name, boolean admitsOtherParks, HealthRules.Policy health) {
    }

    /** A permit as the gate needs it, with its holder's tests when it is a card. */
    record Facts(long id, PermitType type, String number, long firmId, long parkId, String holderName, String holderDigest,
                 Instant validFrom, Instant validTo, Permit.Status status, String firmName, boolean firmSuspended,
                 String parkName, ZoneId zone, String plate, Instant lastNegative, TestResult newestResult, boolean healthHold) {
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
        GateCheck c = check == null ? new GateCheck(null, null, null, null) : check.normalized();
        Instant now = clock.instant();
        try {
            java.util.List<DomainException.FieldError> more = new java.util.ArrayList<>();
            if (c.gate() == null && c.gateId() == null) {
                more.add(new DomainException.FieldError("gate", "validation.required"));
            }
            if (c.temperature() != null && !HealthRules.plausible(c.temperature())) {
                more.add(new DomainException.FieldError("temperature", "gate.temperature.implausible"));
            }
            validation.check(c, more);
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
        // The person (一扫四查): only a valid permit's holder is checked further; a card's holder is a worker with tests.
        HealthRules.Policy policy = gate.health();
        HealthRules.TestStatus tests = p.type() == PermitType.CARD
                ? HealthRules.status(policy, p.lastNegative(), p.newestResult(), now) : null;
        Verdict warning = null;
        boolean held = false;
        if (v == Verdict.VALID) {
            // A positive holder is shown as POSITIVE even while a hold suspends the card; anyone else held is SUSPENDED.
            HealthRules.Outcome outcome = HealthRules.outcome(policy, tests, c.temperature());
            if (outcome != HealthRules.Outcome.REFUSE_POSITIVE && p.healthHold()) {
                v = Verdict.SUSPENDED;
                held = true;
            } else {
                switch (outcome) {
                    case REFUSE_POSITIVE -> v = Verdict.POSITIVE;
                    case REFUSE_FEVER -> v = Verdict.FEVER;
                    case REFUSE_OVERDUE -> v = Verdict.TEST_OVERDUE;
                    case WARN_OVERDUE -> warning = Verdict.TEST_OVERDUE;
                    case ADMIT -> { }
                }
            }
        }
        long scanId = log(now, gate, guard, p, keyId, v, c.temperature());
        if (v == Verdict.REVOKED) {
            alerts.revoked(p.parkId(), gate.id(), gate.name(), p.number(), p.firmName());
        }
        if (HealthRules.fever(policy, c.temperature())) {
            // Whatever the permit's verdict, a person with a fever at the gate is reported (off the scan's path).
            alerts.fever(p.parkId(), p.firmId(), gate.id(), gate.name(), p.number(), c.temperature().toPlainString());
        }
        Validity days = Validity.of(p.validFrom(), p.validTo(), p.zone());
        return new ScanResult(scanId, v, gate.name(), now, p.type(), p.number(), PermitDocuments.shownHolder(p.type(), p.holderName()),
                p.firmName(), p.parkName(), p.validFrom(), p.validTo(), p.plate(), days.first(), days.last(),
                tests, tests == null ? null : p.lastNegative(), tests == null ? null : HealthRules.validUntil(policy, p.lastNegative()),
                warning, c.temperature(), held);
    }

    /** The gate (400, logged, when it is none of the guard's active gates) and the permit the code names. */
    private Lookup lookup(Caller guard, GateCheck c, Long permitId) {
        At gate = null;
        Facts permit = null;
        int rows = 0;
        try (Connection con = dataSource.getConnection(); PreparedStatement ps = con.prepareStatement(FACTS)) {
            GuardedGates.bind(ps, guard);
            if (permitId == null) {
                ps.setNull(3, Types.BIGINT);
            } else {
                ps.setLong(3, permitId);
            }
            if (c.gateId() != null) {
                ps.setLong(4, c.gateId());
                ps.setNull(5, Types.VARCHAR);
            } else {
                ps.setNull(4, Types.BIGINT);
                ps.setString(5, c.gate());
            }
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    rows++;
                    HealthRules.Policy health = rs.getString(20) == null ? HealthRules.Policy.DEFAULT
                            : new HealthRules.Policy((Integer) rs.getObject(19), HealthRules.OverdueAction.valueOf(rs.getString(20)),
                            rs.getBigDecimal(21), rs.getBoolean(22));
                    gate = new At(rs.getLong(1), rs.getLong(2), rs.getString(3), rs.getBoolean(4), health);
                    OffsetDateTime lastNegative = rs.getObject(23, OffsetDateTime.class);
                    permit = rs.getString(5) == null ? null : new Facts(permitId, PermitType.valueOf(rs.getString(5)),
                            rs.getString(6), rs.getLong(7), rs.getLong(8), rs.getString(9), rs.getString(10),
                            rs.getObject(11, OffsetDateTime.class).toInstant(), rs.getObject(12, OffsetDateTime.class).toInstant(),
                            Permit.Status.valueOf(rs.getString(13)), rs.getString(14), rs.getBoolean(15), rs.getString(16),
                            ZoneId.of(rs.getString(17)), rs.getString(18), lastNegative == null ? null : lastNegative.toInstant(),
                            rs.getString(24) == null ? null : TestResult.valueOf(rs.getString(24)), rs.getBoolean(25));
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
        long scanId = log(now, gate, guard, claimed, keyId, Verdict.FORGED, null);
        alerts.forged(claimed == null ? null : claimed.parkId(), gate.id(), gate.name());
        return new ScanResult(scanId, Verdict.FORGED, gate.name(), now, null, null, null, null, null, null, null, null, null, null,
                null, null, null, null, null, false);
    }

    private long log(Instant now, At gate, Caller guard, Facts p, String keyId, Verdict v, java.math.BigDecimal temperature) {
        long id = ledger.append(new ScanLedger.Entry(now, gate.name(), guard.username(), p == null ? null : p.id(),
                p == null ? null : p.firmId(), p == null ? null : p.parkId(), keyId, v, gate.id(), gate.parkId(), temperature));
        metrics.verified(v.name());
        return id;
    }

    /** A call answered 400 is logged as REFUSED with the gate as given (cut to the column's width). */
    private void refuse(Instant now, GateCheck c, Caller guard, At gate) {
        String given = gate != null ? gate.name() : c.gate() != null ? c.gate() : c.gateId() != null ? "#" + c.gateId() : "";
        ledger.append(new ScanLedger.Entry(now, given.length() > 60 ? given.substring(0, 60) : given, guard.username(),
                null, null, null, null, Verdict.REFUSED, gate == null ? null : gate.id(), gate == null ? null : gate.parkId(), null));
        metrics.verified(Verdict.REFUSED.name());
    }
}
