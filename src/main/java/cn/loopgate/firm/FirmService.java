package cn.loopgate.firm;

import cn.loopgate.audit.AuditService;
import cn.loopgate.audit.AuditService.Subject;
import cn.loopgate.identity.AccessPolicy;
import cn.loopgate.identity.Caller;
import cn.loopgate.identity.FirmScope;
import cn.loopgate.identity.Role;
import cn.loopgate.park.Park;
import cn.loopgate.shared.DomainException;
import cn.loopgate.shared.DomainException.FieldError;
import cn.loopgate.shared.persistence.Page;
import cn.loopgate.shared.validation.Validation;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.persistence.TypedQuery;
import jakarta.transaction.Transactional;

import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Firms: administrators register and reclassify them; a firm's manager keeps its contacts and
 * headcount up to date; liaison officers and analysts read them within their scope.
 */
@ApplicationScoped
@Transactional
public class FirmService {

    @PersistenceContext
    EntityManager em;
    @Inject
    AccessPolicy access;
    @Inject
    AuditService audit;
    @Inject
    Validation validation;
    @Inject
    Clock clock;

    /** List filters; null means any. {@code text} matches name or credit code. */
    public record Filter(Long parkId, String text, Boolean aboveSize, Industry industry) {
        public static final Filter ANY = new Filter(null, null, null, null);
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public Page<Firm> list(Filter filter, int offset, int limit) {
        FirmScope scope = access.firmScope();
        StringBuilder where = new StringBuilder(" where ").append(scope.where("f.id", "f.park.id"));
        Map<String, Object> params = new LinkedHashMap<>();
        if (filter.parkId() != null) {
            where.append(" and f.park.id = :park");
            params.put("park", filter.parkId());
        }
        if (filter.text() != null && !filter.text().isBlank()) {
            where.append(" and (lower(f.name) like :text or f.creditCode like :code)");
            String t = filter.text().strip().toLowerCase(Locale.ROOT).replace("\\", "").replace("%", "").replace("_", "");
            params.put("text", "%" + t + "%");
            params.put("code", t.toUpperCase(Locale.ROOT) + "%");
        }
        if (filter.aboveSize() != null) {
            where.append(" and f.aboveSize = :above");
            params.put("above", filter.aboveSize());
        }
        if (filter.industry() != null) {
            where.append(" and f.industry = :industry");
            params.put("industry", filter.industry());
        }
        TypedQuery<Firm> q = em.createQuery("select f from Firm f join fetch f.park" + where + " order by f.name, f.id", Firm.class);
        TypedQuery<Long> count = em.createQuery("select count(f) from Firm f" + where, Long.class);
        scope.bind(q);
        scope.bind(count);
        params.forEach((k, v) -> {
            q.setParameter(k, v);
            count.setParameter(k, v);
        });
        return new Page<>(q.setFirstResult(offset).setMaxResults(limit).getResultList(), count.getSingleResult(), offset, limit);
    }

    /** A page of firms as lists show them: the contact's phone masked for everyone (issue 19). */
    @Transactional(Transactional.TxType.SUPPORTS)
    public Page<FirmView> listed(Filter filter, int offset, int limit) {
        return list(filter, offset, limit).map(f -> FirmView.of(f, false));
    }

    /** One firm in the caller's scope (or 404), as the caller may see it. */
    @Transactional(Transactional.TxType.SUPPORTS)
    public FirmView detail(long id) {
        return describe(get(id));
    }

    /**
     * A single firm as the caller may see it: the contact's phone in full for those who call (the firm's
     * manager, its liaison officers, administrators: AccessPolicy#canCallContact), masked for the others.
     */
    @Transactional(Transactional.TxType.SUPPORTS)
    public FirmView describe(Firm f) {
        return FirmView.of(f, access.canCallContact(f.getId(), f.getPark().getId()));
    }

    /** A firm in the caller's scope, or 404. */
    @Transactional(Transactional.TxType.SUPPORTS)
    public Firm get(long id) {
        // With its park in the same statement: the access check below needs the park anyway.
        Firm f = em.createQuery("select f from Firm f join fetch f.park where f.id = :id", Firm.class)
                .setParameter("id", id).getResultStream().findFirst().orElse(null);
        if (f == null) {
            throw DomainException.notFound();
        }
        access.checkRead(f.getId(), f.getPark().getId());
        return f;
    }

    /** The firm the calling manager is bound to. */
    @Transactional(Transactional.TxType.SUPPORTS)
    public Firm own() {
        Caller c = access.require(Role.FIRM_MANAGER);
        return get(c.firmId());
    }

    public Firm register(FirmData data) {
        access.requireAdmin();
        return create(data);
    }

    /**
     * A firm that registered itself, confirmed by its park's liaison officer or an administrator
     * (registration.RegistrationService): the same checks and audit entry as {@link #register}.
     */
    public Firm registerConfirmed(FirmData data) {
        if (data == null || data.parkId() == null) {
            throw DomainException.invalid("parkId", "validation.required");
        }
        access.checkParkSteward(data.parkId());
        return create(data);
    }

    private Firm create(FirmData data) {
        FirmData d = data.normalized();
        List<FieldError> errors = new ArrayList<>();
        if (d.creditCode() != null && !em.createNamedQuery("Firm.byCreditCode", Firm.class)
                .setParameter("code", d.creditCode()).getResultList().isEmpty()) {
            errors.add(new FieldError("creditCode", "validation.duplicateCreditCode"));
        }
        Park park = d.parkId() == null ? null : em.find(Park.class, d.parkId());
        if (d.parkId() != null && park == null) {
            errors.add(new FieldError("parkId", "validation.unknownPark"));
        }
        validation.check(d, errors);
        LocalDate registeredOn = d.registeredOn() != null ? d.registeredOn()
                : clock.instant().atZone(park.zone()).toLocalDate();
        Firm firm = new Firm(park, d.creditCode(), registeredOn, clock.instant());
        firm.describe(d, park, clock.instant());
        em.persist(firm);
        em.flush();
        audit.record(subject(firm), "CREATE", null, snapshot(firm), null);
        return firm;
    }

    /**
     * Administrators change everything but the credit code; the firm's own manager changes its
     * contacts, legal representative, address and registered staff, not its classification or park.
     */
    public Firm update(long id, FirmData data) {
        Firm firm = get(id);
        Caller c = access.require(Role.ADMIN, Role.FIRM_MANAGER);
        FirmData d = data.normalized();
        if (c.is(Role.FIRM_MANAGER)) {
            d = new FirmData(firm.getCreditCode(), firm.getName(), firm.getPark().getId(), firm.isAboveSize(),
                    firm.getFourAbove(), firm.getIndustry(), d.registeredStaff(), d.legalRep(), d.contactName(),
                    d.contactPhone(), d.address(), firm.getRegisteredOn());
        } else {
            d = new FirmData(firm.getCreditCode(), d.name(), d.parkId(), d.aboveSize(), d.fourAbove(), d.industry(),
                    d.registeredStaff(), d.legalRep(), d.contactName(), d.contactPhone(), d.address(), firm.getRegisteredOn());
        }
        Park park = d.parkId() == null ? null : em.find(Park.class, d.parkId());
        List<FieldError> errors = new ArrayList<>();
        if (d.parkId() != null && park == null) {
            errors.add(new FieldError("parkId", "validation.unknownPark"));
        }
        validation.check(d, errors);
        Map<String, Object> before = snapshot(firm);
        firm.describe(d, park, clock.instant());
        em.flush();
        audit.record(subject(firm), "UPDATE", before, snapshot(firm), null);
        return firm;
    }

    public static Subject subject(Firm f) {
        return new Subject("Firm", f.getId(), f.getId(), f.getPark().getId());
    }

    static Map<String, Object> snapshot(Firm f) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("creditCode", f.getCreditCode());
        m.put("name", f.getName());
        m.put("park", f.getPark().getCode());
        m.put("aboveSize", f.isAboveSize());
        m.put("fourAbove", f.getFourAbove().name());
        m.put("industry", f.getIndustry().name());
        m.put("registeredStaff", f.getRegisteredStaff());
        m.put("legalRep", f.getLegalRep());
        m.put("contactName", f.getContactName());
        m.put("contactPhone", cn.loopgate.shared.Masking.phone(f.getContactPhone()));
        m.put("address", f.getAddress());
        return m;
    }
}
