package cn.loopgate.verification;

import cn.loopgate.firm.Firm;
import cn.loopgate.identity.AccessPolicy;
import cn.loopgate.identity.Caller;
import cn.loopgate.identity.Role;
import cn.loopgate.notification.NotificationService;
import cn.loopgate.ops.Anonymous;
import cn.loopgate.ops.BusinessMetrics;
import cn.loopgate.permit.Permit;
import cn.loopgate.permit.PermitCodec;
import cn.loopgate.permit.PermitDocuments;
import cn.loopgate.permit.PermitService;
import cn.loopgate.permit.SigningKeys;
import cn.loopgate.shared.validation.Validation;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;

import java.security.PublicKey;
import java.time.Clock;
import java.time.Instant;
import java.util.List;

/**
 * Checks a scanned QR text. The signature must verify under a published key (key id in the code)
 * and the code must describe the permit stored under its id; then the permit's state is read live
 * from the database (EclipseLink has no shared cache here), so a revocation or suspension made on
 * another node shows at the very next scan. Every scan is logged; REVOKED and FORGED alert the
 * liaison officers of the permit's park (administrators when no permit could be named).
 */
@ApplicationScoped
@Transactional
public class GateService {

    /** EclipseLink's query hint that re-reads rows into instances the persistence context already holds. */
    private static final String REFRESH = "eclipselink.refresh";

    @PersistenceContext
    EntityManager em;
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
    NotificationService notifications;
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
        // Live state, one statement each: the permit, then its firm with the park (refresh hints, so that
        // even an instance already in this persistence context is read again from the database).
        Permit p = em.createQuery("select p from Permit p where p.id = :id", Permit.class)
                .setParameter("id", signed.claims().permitId()).setHint(REFRESH, "true")
                .getResultStream().findFirst().orElse(null);
        if (p == null || !describes(signed.claims(), p)) {
            // Signed by us but not this permit: treat as forged, and tell the park it claims to be from.
            return forged(c, guard, now, keyId, p);
        }
        Firm firm = em.createQuery("select f from Firm f join fetch f.park where f.id = :id", Firm.class)
                .setParameter("id", p.getFirmId()).setHint(REFRESH, "true").getSingleResult();
        Verdict v = Verdict.of(PermitService.stateAt(p, firm.isSuspended(), now));
        GateScan scan = log(now, c.gate(), guard, p, keyId, v);
        if (v.alerts()) {
            notifications.notify(notifications.liaisonsOfPark(p.getParkId()), "GATE_ALERT", "gate.alert.REVOKED", null,
                    c.gate(), p.getNumber(), firm.getName());
        }
        return new ScanResult(scan.getId(), v, c.gate(), now, p.getType(), p.getNumber(), PermitDocuments.shownHolder(p),
                firm.getName(), firm.getPark().getName(), p.getValidFrom(), p.getValidTo());
    }

    /**
     * The signed claims name this permit. A permit whose holder was anonymised by the retention job
     * (long expired by then) no longer has the holder's digest: its own signed QR is matched on type and
     * validity alone, so the gate says EXPIRED rather than FORGED.
     */
    private static boolean describes(PermitCodec.Claims claims, Permit p) {
        return claims.type() == p.getType()
                && claims.validFrom() == p.getValidFrom().getEpochSecond()
                && claims.validTo() == p.getValidTo().getEpochSecond()
                && (claims.holderMatches(p.getHolderDigest()) || Anonymous.NAME.equals(p.getHolderName()));
    }

    private ScanResult forged(GateCheck c, Caller guard, Instant now, String keyId, Permit claimed) {
        GateScan scan = log(now, c.gate(), guard, claimed, keyId, Verdict.FORGED);
        List<Long> recipients = claimed != null ? notifications.liaisonsOfPark(claimed.getParkId())
                : notifications.usersWithRole(Role.ADMIN);
        notifications.notify(recipients, "GATE_ALERT", "gate.alert.FORGED", null, c.gate(), guard.displayName());
        return new ScanResult(scan.getId(), Verdict.FORGED, c.gate(), now, null, null, null, null, null, null, null);
    }

    private GateScan log(Instant now, String gate, Caller guard, Permit p, String keyId, Verdict v) {
        GateScan scan = new GateScan(now, gate, guard.username(), p == null ? null : p.getId(),
                p == null ? null : p.getFirmId(), p == null ? null : p.getParkId(), keyId, v);
        metrics.verified(v.name());
        em.persist(scan);
        em.flush();
        return scan;
    }
}
