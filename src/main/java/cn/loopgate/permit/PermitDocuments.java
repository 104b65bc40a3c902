package cn.loopgate.permit;

import cn.loopgate.firm.Firm;
import cn.loopgate.identity.AccessPolicy;
import cn.loopgate.identity.Role;
import cn.loopgate.notification.NotificationService;
import cn.loopgate.shared.DomainException;
import cn.loopgate.shared.Masking;
import cn.loopgate.shared.Messages;
import cn.loopgate.shared.Validity;
import cn.loopgate.shared.validation.Length;
import cn.loopgate.shared.validation.Required;
import cn.loopgate.shared.validation.Validation;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;

import java.time.Clock;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What is printed on and encoded in permits, for those who may print them: the firm's manager and
 * the liaison officers of its park. Also revocation by a liaison officer.
 */
@ApplicationScoped
@Transactional
public class PermitDocuments {

    /** The most permits one document holds. */
    public static final int MAX_BATCH = 2000;
    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("yyyy-MM-dd");

    @PersistenceContext
    EntityManager em;
    @Inject
    AccessPolicy access;
    @Inject
    PermitService permits;
    @Inject
    SigningKeys keys;
    @Inject
    Validation validation;
    @Inject
    NotificationService notifications;
    @Inject
    Clock clock;

    /** Permits of one type for one document. */
    public record Batch(PermitType type, String fileName, List<PermitPdf.Sheet> sheets) {
    }

    /** Why a permit is revoked. */
    public record Revocation(@Required @Length(max = 300) String reason) {
    }

    /** One permit with its QR text. */
    public PermitView view(long permitId) {
        Permit p = printable(permitId);
        Firm f = em.find(Firm.class, p.getFirmId());
        Vehicle v = p.getType() == PermitType.PASS && p.getSubjectId() != null ? vehicles(p.getType(), f.getId()).get(p.getSubjectId()) : null;
        return PermitView.of(p, f, PermitService.stateAt(p, f.isSuspended(), clock.instant()), qr(p, keys.active()),
                v == null ? null : v.plate());
    }

    /**
     * One permit as a document. A permit that is no longer active (revoked, replaced) is not printed:
     * 409, so whoever prints it learns that at once instead of handing out a card the gate refuses.
     */
    public Batch one(long permitId) {
        Permit p = printable(permitId);
        activeOnly(List.of(p));
        Firm f = em.find(Firm.class, p.getFirmId());
        return new Batch(p.getType(), p.getNumber() + ".pdf", List.of(sheet(p, f, vehicles(p.getType(), f.getId()), keys.active())));
    }

    /** The listed permits of a firm, or all its active ones of that type when {@code ids} is empty. */
    public Batch ofFirm(long firmId, PermitType type, List<Long> ids) {
        Firm f = em.find(Firm.class, firmId);
        if (f == null) {
            throw DomainException.notFound();
        }
        access.checkRead(f.getId(), f.getPark().getId());
        access.require(Role.FIRM_MANAGER, Role.LIAISON);
        if (type == null) {
            throw DomainException.invalid("type", "validation.required");
        }
        List<Permit> list;
        if (ids == null || ids.isEmpty()) {
            list = em.createQuery("select p from Permit p where p.firmId = :firm and p.type = :type and p.status = :active"
                            + " and p.validTo > :now order by p.number", Permit.class)
                    .setParameter("firm", firmId).setParameter("type", type).setParameter("active", Permit.Status.ACTIVE)
                    .setParameter("now", clock.instant()).setMaxResults(MAX_BATCH + 1).getResultList();
        } else {
            Set<Long> wanted = new LinkedHashSet<>(ids);
            if (wanted.size() > MAX_BATCH) {
                throw DomainException.invalid("ids", "permit.tooMany", MAX_BATCH);
            }
            list = em.createQuery("select p from Permit p where p.firmId = :firm and p.type = :type and p.id in :ids order by p.number", Permit.class)
                    .setParameter("firm", firmId).setParameter("type", type).setParameter("ids", wanted).getResultList();
            if (list.size() != wanted.size()) {
                throw DomainException.notFound();
            }
            activeOnly(list);
        }
        if (list.size() > MAX_BATCH) {
            throw DomainException.invalid("ids", "permit.tooMany", MAX_BATCH);
        }
        SigningKeys.Signer signer = keys.active();
        Map<Long, Vehicle> vehicles = vehicles(type, firmId);
        List<PermitPdf.Sheet> sheets = new ArrayList<>(list.size());
        for (Permit p : list) {
            sheets.add(sheet(p, f, vehicles, signer));
        }
        return new Batch(type, "permits-" + firmId + "-" + type.name().toLowerCase() + ".pdf", sheets);
    }

    /**
     * Listed permits must still be active. A revocation committed while a document is being printed is not
     * seen by it (the document shows the permit as read a moment before); the gate reads the live status,
     * so that card scans as REVOKED whatever the paper says.
     */
    private static void activeOnly(List<Permit> list) {
        for (Permit p : list) {
            if (p.getStatus() != Permit.Status.ACTIVE) {
                throw DomainException.conflict("permit.notActive");
            }
        }
    }

    /** Revokes a permit (liaison officers of its park); the firm's managers are told. */
    public Permit revoke(long permitId, Revocation r) {
        Permit p = permits.get(permitId);
        access.checkLiaison(p.getFirmId(), p.getParkId());
        Revocation clean = new Revocation(r == null || r.reason() == null ? null : r.reason().strip());
        validation.check(clean);
        permits.revoke(permitId, clean.reason());
        notifications.notify(notifications.managersOfFirm(p.getFirmId()), "PERMIT_REVOKED", "permit.revokedNotice", null,
                p.getNumber(), clean.reason());
        return p;
    }

    /** The QR text of a permit, signed with the given key. */
    public static String qr(Permit p, SigningKeys.Signer signer) {
        return PermitCodec.encode(new PermitCodec.Claims(signer.keyId(), p.getId(), p.getType(),
                p.getValidFrom().getEpochSecond(), p.getValidTo().getEpochSecond(),
                PermitCodec.holderPrefix(p.getHolderDigest())), signer.key());
    }

    /** The holder as printed and shown at the gate: people (workers, drivers) masked, firms as they are. */
    public static String shownHolder(Permit p) {
        return shownHolder(p.getType(), p.getHolderName());
    }

    public static String shownHolder(PermitType type, String holderName) {
        return switch (type) {
            case CARD -> Masking.name(holderName);
            case PASS -> Masking.name(holderName);
            case CERTIFICATE -> holderName;
        };
    }

    /** What a pass shows of its vehicle, read from the pass the permit was issued for. */
    record Vehicle(String plate, String route) {
    }

    /**
     * The vehicles of a firm's passes by pass id. The plate lives on the pass (the permit keeps the
     * driver as holder and only a digest of the plate): read by SQL so that permits need not know the
     * pass package, which already depends on this one.
     */
    private Map<Long, Vehicle> vehicles(PermitType type, long firmId) {
        Map<Long, Vehicle> m = new HashMap<>();
        if (type != PermitType.PASS) {
            return m;
        }
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery("select id, plate, origin, transfer_point, destination from vehicle_pass where firm_id = ?1")
                .setParameter(1, firmId).getResultList();
        for (Object[] r : rows) {
            String route = r[3] == null ? r[2] + " → " + r[4] : r[2] + " → " + r[3] + " → " + r[4];
            m.put(((Number) r[0]).longValue(), new Vehicle((String) r[1], route));
        }
        return m;
    }

    static PermitPdf.Sheet sheet(Permit p, Firm f, Map<Long, Vehicle> vehicles, SigningKeys.Signer signer) {
        ZoneId zone = f.getPark().zone();
        Vehicle v = p.getType() == PermitType.PASS && p.getSubjectId() != null ? vehicles.get(p.getSubjectId()) : null;
        String validity = Validity.of(p.getValidFrom(), p.getValidTo(), zone).range(Messages.DEFAULT_LOCALE);
        return new PermitPdf.Sheet(p.getType(), p.getNumber(), f.getName(), f.getPark().getName(), shownHolder(p),
                v == null ? null : v.plate(), v == null ? null : v.route(), validity,
                DAY.format(p.getIssuedAt().atZone(zone)), qr(p, signer));
    }

    private Permit printable(long permitId) {
        Permit p = permits.get(permitId);
        access.checkRead(p.getFirmId(), p.getParkId());
        access.require(Role.FIRM_MANAGER, Role.LIAISON);
        return p;
    }
}
