package cn.loopgate.park;

import cn.loopgate.audit.AuditService;
import cn.loopgate.audit.AuditService.Subject;
import cn.loopgate.identity.AccessPolicy;
import cn.loopgate.identity.Role;
import cn.loopgate.shared.DomainException;
import cn.loopgate.shared.DomainException.FieldError;
import cn.loopgate.shared.validation.Validation;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;

import java.time.Clock;
import java.time.DateTimeException;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Districts and parks: read by every signed-in role except gate guards, managed by administrators. */
@ApplicationScoped
@Transactional
public class ParkService {

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

    @Transactional(Transactional.TxType.SUPPORTS)
    public List<District> districts() {
        requireReader();
        return em.createNamedQuery("District.all", District.class).getResultList();
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public List<Park> parks() {
        requireReader();
        return em.createQuery("select p from Park p join fetch p.district order by p.code", Park.class).getResultList();
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public Park park(long id) {
        requireReader();
        Park p = em.find(Park.class, id);
        if (p == null) {
            throw DomainException.notFound();
        }
        return p;
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public District district(long id) {
        requireReader();
        District d = em.find(District.class, id);
        if (d == null) {
            throw DomainException.notFound();
        }
        return d;
    }

    public District createDistrict(DistrictData data) {
        access.requireAdmin();
        DistrictData d = data.normalized();
        List<FieldError> errors = new ArrayList<>();
        if (d.code() != null && codeTaken("District", d.code())) {
            errors.add(new FieldError("code", "validation.duplicateCode"));
        }
        validation.check(d, errors);
        District district = new District(d.code(), d.name(), d.nameEn(), clock.instant());
        em.persist(district);
        em.flush();
        audit.record(subject(district), "CREATE", null, snapshot(district), null);
        return district;
    }

    public District updateDistrict(long id, DistrictData data) {
        access.requireAdmin();
        District district = district(id);
        DistrictData d = data.normalized();
        validation.check(new DistrictData(district.getCode(), d.name(), d.nameEn()));
        Map<String, Object> before = snapshot(district);
        district.rename(d.name(), d.nameEn());
        audit.record(subject(district), "UPDATE", before, snapshot(district), null);
        return district;
    }

    public Park createPark(ParkData data) {
        access.requireAdmin();
        ParkData d = data.normalized();
        List<FieldError> errors = checkPark(d);
        if (d.code() != null && codeTaken("Park", d.code())) {
            errors.add(new FieldError("code", "validation.duplicateCode"));
        }
        validation.check(d, errors);
        Park park = new Park(district(d.districtId()), d.code(), d.name(), d.nameEn(), clock.instant());
        apply(park, d);
        em.persist(park);
        em.flush();
        audit.record(subject(park), "CREATE", null, snapshot(park), null);
        return park;
    }

    public Park updatePark(long id, ParkData data) {
        access.requireAdmin();
        Park park = park(id);
        ParkData d = data.normalized();
        validation.check(d, checkPark(d));
        Map<String, Object> before = snapshot(park);
        apply(park, d);
        audit.record(subject(park), "UPDATE", before, snapshot(park), null);
        return park;
    }

    private void apply(Park park, ParkData d) {
        park.update(district(d.districtId()), d.name(), d.nameEn(), d.timeZone(), d.reportDeadline(),
                d.passMaxDays(), d.suspendAfterMissed(), d.loopEndedOn());
    }

    private List<FieldError> checkPark(ParkData d) {
        List<FieldError> errors = new ArrayList<>();
        try {
            if (d.timeZone() != null) {
                ZoneId.of(d.timeZone());
            }
        } catch (DateTimeException e) {
            errors.add(new FieldError("timeZone", "validation.timeZone"));
        }
        if (d.districtId() != null && em.find(District.class, d.districtId()) == null) {
            errors.add(new FieldError("districtId", "validation.unknownDistrict"));
        }
        return errors;
    }

    private boolean codeTaken(String entity, String code) {
        return em.createQuery("select count(x) from " + entity + " x where x.code = :code", Long.class)
                .setParameter("code", code).getSingleResult() > 0;
    }

    private void requireReader() {
        access.require(Role.ADMIN, Role.ANALYST, Role.LIAISON, Role.FIRM_MANAGER);
    }

    private static Subject subject(District d) {
        return new Subject("District", d.getId(), null, null);
    }

    private static Subject subject(Park p) {
        return new Subject("Park", p.getId(), null, p.getId());
    }

    private static Map<String, Object> snapshot(District d) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("code", d.getCode());
        m.put("name", d.getName());
        m.put("nameEn", d.getNameEn());
        return m;
    }

    private static Map<String, Object> snapshot(Park p) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("code", p.getCode());
        m.put("name", p.getName());
        m.put("nameEn", p.getNameEn());
        m.put("district", p.getDistrict().getCode());
        m.put("timeZone", p.getTimeZone());
        m.put("reportDeadline", p.getReportDeadline().toString());
        m.put("passMaxDays", p.getPassMaxDays());
        m.put("suspendAfterMissed", p.getSuspendAfterMissed());
        m.put("loopEndedOn", p.getLoopEndedOn() == null ? null : p.getLoopEndedOn().toString());
        return m;
    }
}
