package cn.loopgate.permit;

import cn.loopgate.audit.AuditService;
import cn.loopgate.audit.AuditService.Subject;
import cn.loopgate.firm.Firm;
import cn.loopgate.identity.AccessPolicy;
import cn.loopgate.shared.DomainException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Instant;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Issues, revokes and reissues permits, and says what state one is in. Callers (cards, passes,
 * plans) have already decided that the caller may do this; every change is audited here, in the
 * caller's transaction.
 */
@ApplicationScoped
@Transactional(Transactional.TxType.MANDATORY)
public class PermitService {

    @PersistenceContext
    EntityManager em;
    @Inject
    AuditService audit;
    @Inject
    AccessPolicy access;
    @Inject
    Clock clock;

    /**
     * Issues a permit to a holder of a firm. {@code holderKey} is the holder's resident ID (cards),
     * plate (passes) or credit code (certificates); only its digest is kept.
     */
    public Permit issue(PermitType type, Firm firm, String holderName, String holderKey, Long subjectId,
                        Instant validFrom, Instant validTo) {
        if (!validTo.isAfter(validFrom)) {
            throw DomainException.invalid("validTo", "validation.validToAfterFrom");
        }
        long seq = ((Number) em.createNativeQuery("select nextval('permit_number_seq')").getSingleResult()).longValue();
        String number = type.prefix() + "-" + firm.getPark().getCode() + "-" + String.format("%07d", seq);
        Permit p = new Permit(type, number, firm.getId(), firm.getPark().getId(), subjectId, holderName,
                digest(type, holderKey), validFrom, validTo, clock.instant(), access.caller().username());
        em.persist(p);
        em.flush();
        audit.record(subject(p), "ISSUE", null, snapshot(p), null);
        return p;
    }

    /** Revokes a permit for good; the next scan at any gate shows REVOKED. */
    public Permit revoke(long permitId, String reason) {
        Permit p = get(permitId);
        if (p.getStatus() != Permit.Status.ACTIVE) {
            throw DomainException.conflict("permit.notActive");
        }
        Map<String, Object> before = snapshot(p);
        p.revoke(clock.instant(), reason);
        audit.record(subject(p), "REVOKE", before, snapshot(p), reason);
        return p;
    }

    /** A new permit (new number) for the same holder and window; the old one is marked REPLACED. */
    public Permit reissue(long permitId, Firm firm, String holderKey, String reason) {
        Permit old = get(permitId);
        if (old.getStatus() != Permit.Status.ACTIVE) {
            throw DomainException.conflict("permit.notActive");
        }
        Permit fresh = issue(old.getType(), firm, old.getHolderName(), holderKey, old.getSubjectId(),
                old.getValidFrom(), old.getValidTo());
        Map<String, Object> before = snapshot(old);
        old.replaceBy(fresh.getId(), clock.instant());
        audit.record(subject(old), "REPLACE", before, snapshot(old), reason);
        return fresh;
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public Permit get(long permitId) {
        Permit p = em.find(Permit.class, permitId);
        if (p == null) {
            throw DomainException.notFound();
        }
        return p;
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public List<Permit> ofSubject(PermitType type, long subjectId) {
        return em.createQuery("select p from Permit p where p.type = :type and p.subjectId = :subject order by p.issuedAt", Permit.class)
                .setParameter("type", type).setParameter("subject", subjectId).getResultList();
    }

    /** The state a gate sees at {@code now}; a suspended firm's active permits are SUSPENDED. */
    public static PermitState stateAt(Permit p, boolean firmSuspended, Instant now) {
        return stateAt(p.getStatus(), p.getValidFrom(), p.getValidTo(), firmSuspended, now);
    }

    /** The same from the permit's stored columns (the gate reads them without loading the entity). */
    public static PermitState stateAt(Permit.Status status, Instant validFrom, Instant validTo, boolean firmSuspended, Instant now) {
        if (status != Permit.Status.ACTIVE) {
            return PermitState.REVOKED;
        }
        if (now.isBefore(validFrom)) {
            return PermitState.NOT_YET_VALID;
        }
        if (!now.isBefore(validTo)) {
            return PermitState.EXPIRED;
        }
        return firmSuspended ? PermitState.SUSPENDED : PermitState.VALID;
    }

    /** SHA-256 over the type and the normalised holder key, hex. */
    public static String digest(PermitType type, String holderKey) {
        try {
            byte[] d = MessageDigest.getInstance("SHA-256")
                    .digest((type.name() + ":" + holderKey.strip().toUpperCase(java.util.Locale.ROOT)).getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(d);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    static Subject subject(Permit p) {
        return new Subject("Permit", p.getId(), p.getFirmId(), p.getParkId());
    }

    static Map<String, Object> snapshot(Permit p) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("type", p.getType().name());
        m.put("number", p.getNumber());
        m.put("holder", cn.loopgate.shared.Masking.name(p.getHolderName()));
        m.put("validFrom", p.getValidFrom().toString());
        m.put("validTo", p.getValidTo().toString());
        m.put("status", p.getStatus().name());
        return m;
    }
}
