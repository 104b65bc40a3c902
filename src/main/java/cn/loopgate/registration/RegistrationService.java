package cn.loopgate.registration;

import cn.loopgate.account.AccountService;
import cn.loopgate.attachment.AttachmentService;
import cn.loopgate.attachment.FileType;
import cn.loopgate.attachment.StoredFile;
import cn.loopgate.audit.AuditService;
import cn.loopgate.audit.AuditService.Subject;
import cn.loopgate.firm.Firm;
import cn.loopgate.firm.FirmData;
import cn.loopgate.firm.FirmService;
import cn.loopgate.identity.AccessPolicy;
import cn.loopgate.identity.Caller;
import cn.loopgate.identity.Passwords;
import cn.loopgate.identity.Role;
import cn.loopgate.identity.UserAccount;
import cn.loopgate.identity.UserDirectory;
import cn.loopgate.identity.oidc.OidcSettings;
import cn.loopgate.notification.DirectMessages;
import cn.loopgate.notification.NotificationService;
import cn.loopgate.park.Park;
import cn.loopgate.shared.DomainException;
import cn.loopgate.shared.DomainException.FieldError;
import cn.loopgate.shared.Masking;
import cn.loopgate.shared.persistence.Page;
import cn.loopgate.shared.validation.Validation;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceContext;
import jakarta.persistence.PersistenceException;
import jakarta.persistence.TypedQuery;
import jakarta.transaction.Transactional;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Self-registration of firms (issue 18.4). Anyone may submit (the public page, {@code POST
 * /api/v1/public/firm-registrations}): one PENDING registration per credit code and per phone, a few per client
 * address per hour and day, and the public answer for a known credit code never says who holds it. The park's
 * liaison officers (administrators: every park) read their queue with duplicates flagged and confirm — the firm
 * through {@link FirmService}, the manager's account through {@link AccountService}, with the password the applicant
 * chose — or refuse with a reason; the applicant hears the outcome by mail or SMS ({@link DirectMessages}).
 */
@ApplicationScoped
@Transactional
public class RegistrationService {

    static final Set<FileType> LICENCE_TYPES = Set.of(FileType.PDF, FileType.PNG, FileType.JPEG);

    @PersistenceContext
    EntityManager em;
    @Inject
    AccessPolicy access;
    @Inject
    AuditService audit;
    @Inject
    Validation validation;
    @Inject
    AttachmentService attachments;
    @Inject
    Passwords passwords;
    @Inject
    UserDirectory directory;
    @Inject
    FirmService firms;
    @Inject
    AccountService accounts;
    @Inject
    DirectMessages messages;
    @Inject
    NotificationService notifications;
    @Inject
    OidcSettings oidc;
    @Inject
    Clock clock;
    @Inject
    @ConfigProperty(name = "loopgate.registration.per-address-hour", defaultValue = "5")
    int perHour;
    @Inject
    @ConfigProperty(name = "loopgate.registration.per-address-day", defaultValue = "20")
    int perDay;

    /** What the applicant is told: the registration's number and that it waits for the park. */
    public record Receipt(long id, String status) implements java.io.Serializable {
    }

    /**
     * A registration from the public. {@code address} is the client's (behind a trusted proxy, the address the
     * proxy saw). Refusals: 429 over the address's limits, 400 with field errors (a credit code already
     * registered or pending gets the one generic {@code registration.duplicate}), 404 with Keycloak on.
     */
    public Receipt submit(RegistrationData data, String fileName, byte[] licence, String address) {
        if (oidc.enabled()) {
            // Passwords belong to Keycloak there: an account chosen here could not sign in (docs/security.md).
            throw DomainException.notFound();
        }
        Instant now = clock.instant();
        String source = address == null || address.isBlank() ? "unknown" : address.strip();
        source = source.length() > 64 ? source.substring(0, 64) : source;
        if (submittedFrom(source, now.minus(Duration.ofHours(1)), now) >= perHour
                || submittedFrom(source, now.minus(Duration.ofDays(1)), now) >= perDay) {
            throw new DomainException(DomainException.Kind.TOO_MANY, "registration.tooMany");
        }
        RegistrationData d = (data == null ? empty() : data).normalized();
        List<FieldError> errors = new ArrayList<>();
        Park park = d.parkId() == null ? null : em.find(Park.class, d.parkId());
        if (d.parkId() != null && park == null) {
            errors.add(new FieldError("parkId", "validation.unknownPark"));
        }
        if (d.creditCode() != null && (firmByCode(d.creditCode()) != null || pendingWith("r.creditCode", d.creditCode()))) {
            errors.add(new FieldError("creditCode", "registration.duplicate"));
        }
        if (d.contactPhone() != null && pendingWith("r.contactPhone", d.contactPhone())) {
            errors.add(new FieldError("contactPhone", "registration.phonePending"));
        }
        if (d.username() != null && (directory.find(d.username()).isPresent() || pendingUsername(d.username()))) {
            errors.add(new FieldError("username", "validation.duplicateUsername"));
        }
        errors.addAll(cn.loopgate.account.PasswordRules.check("password", d.password(), d.username()));
        errors.addAll(licenceErrors(licence));
        validation.check(d, errors);
        StoredFile file = attachments.store("licence", null, fileName, licence, LICENCE_TYPES);
        FirmRegistration r = new FirmRegistration(park, d, passwords.hashPassword(d.password()), file.getId(), source, now);
        em.persist(r);
        try {
            em.flush();
        } catch (PersistenceException race) {
            // Another submission with the same code, phone or username won the partial unique index meanwhile.
            throw DomainException.invalid("creditCode", "registration.duplicate");
        }
        audit.record(subject(r), "SUBMIT", null, snapshot(r), null);
        notifications.notify(notifications.liaisonsOfPark(park.getId()), "REGISTRATION", "registration.notice.submitted",
                "/registrations.xhtml?id=" + r.getId(), r.getName());
        return new Receipt(r.getId(), r.getStatus().name());
    }

    /** A park to choose on the public page. */
    public record ParkChoice(long id, String name) implements java.io.Serializable {
    }

    /** Every park, by name: the public page lists them (their names are no secret: firms must know their park). */
    @Transactional(Transactional.TxType.SUPPORTS)
    public List<ParkChoice> parks() {
        return em.createQuery("select p from Park p order by p.name", Park.class).getResultList().stream()
                .map(p -> new ParkChoice(p.getId(), p.getName())).toList();
    }

    /** The largest licence scan accepted, in MB (attachment limits). */
    public int maxLicenceMegabytes() {
        return attachments.maxBytes() / (1024 * 1024);
    }

    /** The queue: registrations of the caller's parks (administrators: all), newest first; null status means any. */
    @Transactional(Transactional.TxType.SUPPORTS)
    public Page<RegistrationRow> list(RegistrationStatus status, int offset, int limit) {
        Caller c = access.require(Role.ADMIN, Role.LIAISON);
        StringBuilder where = new StringBuilder(" where 1 = 1");
        Map<String, Object> params = new HashMap<>();
        if (c.is(Role.LIAISON)) {
            where.append(" and r.park.id in :parks");
            params.put("parks", c.parkIds().isEmpty() ? Set.of(-1L) : c.parkIds());
        }
        if (status != null) {
            where.append(" and r.status = :status");
            params.put("status", status);
        }
        TypedQuery<FirmRegistration> q = em.createQuery("select r from FirmRegistration r join fetch r.park" + where
                + " order by r.submittedAt desc, r.id desc", FirmRegistration.class);
        TypedQuery<Long> count = em.createQuery("select count(r) from FirmRegistration r" + where, Long.class);
        params.forEach((k, v) -> {
            q.setParameter(k, v);
            count.setParameter(k, v);
        });
        int size = Page.clampLimit(limit);
        List<FirmRegistration> found = q.setFirstResult(Math.max(0, offset)).setMaxResults(size).getResultList();
        Duplicates dup = duplicates(found);
        List<RegistrationRow> rows = found.stream().map(r -> new RegistrationRow(r.getId(), r.getPark().getName(),
                r.getCreditCode(), r.getName(), r.getContactName(), Masking.phone(r.getContactPhone()), r.getStatus().name(),
                r.getSubmittedAt(), dup.firmCodes.contains(r.getCreditCode()), dup.codes.getOrDefault(r.getCreditCode(), 1L).intValue() - 1,
                dup.phones.getOrDefault(r.getContactPhone(), 1L).intValue() - 1
                        + dup.firmPhones.getOrDefault(r.getContactPhone(), 0L).intValue())).toList();
        return new Page<>(rows, count.getSingleResult(), Math.max(0, offset), size);
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public RegistrationDetail get(long id) {
        return detail(visible(id, false));
    }

    /** The business licence scan, for those who may read the registration. */
    @Transactional(Transactional.TxType.SUPPORTS)
    public StoredFile licence(long id) {
        return attachments.get(visible(id, false).getLicenceFileId());
    }

    /** Makes the firm and its manager's account and confirms the registration; the applicant is told. */
    public RegistrationDetail confirm(long id) {
        FirmRegistration r = visible(id, true);
        if (!r.isPending()) {
            throw DomainException.conflict("registration.decided");
        }
        if (firmByCode(r.getCreditCode()) != null) {
            throw DomainException.conflict("registration.firmExists");
        }
        if (directory.find(r.getUsername()).isPresent()) {
            throw DomainException.conflict("registration.usernameTaken");
        }
        Firm firm = firms.registerConfirmed(new FirmData(r.getCreditCode(), r.getName(), r.getPark().getId(), r.isAboveSize(),
                r.getFourAbove(), r.getIndustry(), r.getRegisteredStaff(), r.getLegalRep(), r.getContactName(),
                r.getContactPhone(), r.getAddress(), null));
        UserAccount u = accounts.createRegistered(firm.getId(), r.getUsername(), r.getContactName(), r.getEmail(),
                r.getContactPhone(), r.getPasswordHash());
        Map<String, Object> before = snapshot(r);
        r.confirm(firm.getId(), u.getId(), access.caller().username(), clock.instant());
        em.flush();
        audit.record(subject(r), "CONFIRM", before, snapshot(r), null);
        messages.send(r.getEmail(), r.getContactPhone(), "registration.mail.confirmed", "/login.xhtml", r.getName(), r.getUsername());
        return detail(r);
    }

    /** Refuses the registration with a reason the applicant reads; nothing is made. */
    public RegistrationDetail refuse(long id, String reason) {
        FirmRegistration r = visible(id, true);
        Map<String, Object> before = snapshot(r);
        r.refuse(reason, access.caller().username(), clock.instant());
        em.flush();
        audit.record(subject(r), "REFUSE", before, snapshot(r), r.getReason());
        messages.send(r.getEmail(), r.getContactPhone(), "registration.mail.refused", "/register.xhtml", r.getName(), r.getReason());
        return detail(r);
    }

    /** 403 for roles that never see registrations, 404 outside the liaison's parks. */
    private FirmRegistration visible(long id, boolean lock) {
        Caller c = access.require(Role.ADMIN, Role.LIAISON);
        FirmRegistration r = lock ? em.find(FirmRegistration.class, id, LockModeType.PESSIMISTIC_WRITE) : em.find(FirmRegistration.class, id);
        if (r == null || (c.is(Role.LIAISON) && !c.parkIds().contains(r.getPark().getId()))) {
            throw DomainException.notFound();
        }
        return r;
    }

    private RegistrationDetail detail(FirmRegistration r) {
        Firm found = firmByCode(r.getCreditCode());
        // The firm this registration made is no duplicate of it.
        Firm existing = found != null && !found.getId().equals(r.getFirmId()) ? found : null;
        List<Long> sameCode = em.createQuery("select o.id from FirmRegistration o where o.creditCode = :v and o.id <> :id order by o.id", Long.class)
                .setParameter("v", r.getCreditCode()).setParameter("id", r.getId()).getResultList();
        List<Long> samePhone = em.createQuery("select o.id from FirmRegistration o where o.contactPhone = :v and o.id <> :id order by o.id", Long.class)
                .setParameter("v", r.getContactPhone()).setParameter("id", r.getId()).getResultList();
        StoredFile f = attachments.get(r.getLicenceFileId());
        return new RegistrationDetail(r.getId(), r.getPark().getId(), r.getPark().getName(), r.getCreditCode(), r.getName(),
                r.isAboveSize(), r.getFourAbove().name(), r.getIndustry().name(), r.getRegisteredStaff(), r.getLegalRep(),
                r.getContactName(), r.getContactPhone(), r.getEmail(), r.getAddress(), r.getUsername(), r.getStatus().name(),
                r.getReason(), r.getSubmittedAt(), r.getDecidedAt(), r.getDecidedBy(), r.getFirmId(), f.getContentType(),
                f.getSizeBytes(), existing == null ? null : existing.getId(), existing == null ? null : existing.getName(),
                sameCode, samePhone, r.getVersion());
    }

    private record Duplicates(Set<String> firmCodes, Map<String, Long> codes, Map<String, Long> phones, Map<String, Long> firmPhones) {
    }

    /** The duplicates of one page of registrations in four statements, not four per row. */
    private Duplicates duplicates(List<FirmRegistration> page) {
        if (page.isEmpty()) {
            return new Duplicates(Set.of(), Map.of(), Map.of(), Map.of());
        }
        List<String> codes = page.stream().map(FirmRegistration::getCreditCode).distinct().toList();
        List<String> phones = page.stream().map(FirmRegistration::getContactPhone).distinct().toList();
        Set<String> firmCodes = Set.copyOf(em.createQuery("select f.creditCode from Firm f where f.creditCode in :c", String.class)
                .setParameter("c", codes).getResultList());
        return new Duplicates(firmCodes, counts("select r.creditCode, count(r) from FirmRegistration r where r.creditCode in :v group by r.creditCode", codes),
                counts("select r.contactPhone, count(r) from FirmRegistration r where r.contactPhone in :v group by r.contactPhone", phones),
                counts("select f.contactPhone, count(f) from Firm f where f.contactPhone in :v group by f.contactPhone", phones));
    }

    private Map<String, Long> counts(String jpql, List<String> values) {
        Map<String, Long> m = new HashMap<>();
        for (Object[] row : em.createQuery(jpql, Object[].class).setParameter("v", values).getResultList()) {
            m.put((String) row[0], ((Number) row[1]).longValue());
        }
        return m;
    }

    private List<FieldError> licenceErrors(byte[] licence) {
        if (licence == null || licence.length == 0) {
            return List.of(new FieldError("licence", "validation.required"));
        }
        if (licence.length > attachments.maxBytes()) {
            return List.of(new FieldError("licence", "validation.fileTooLarge", attachments.maxBytes() / (1024 * 1024)));
        }
        if (FileType.sniff(licence).filter(LICENCE_TYPES::contains).isEmpty()) {
            return List.of(new FieldError("licence", "validation.fileType", "jpg, pdf, png"));
        }
        return List.of();
    }

    /** Registrations from this address in (since, until]: bounded above, so a clock set back ignores later ones. */
    private long submittedFrom(String source, Instant since, Instant until) {
        return em.createQuery("select count(r) from FirmRegistration r where r.sourceAddress = :s and r.submittedAt > :t"
                        + " and r.submittedAt <= :u", Long.class)
                .setParameter("s", source).setParameter("t", since).setParameter("u", until).getSingleResult();
    }

    private boolean pendingWith(String field, String value) {
        return !em.createQuery("select r.id from FirmRegistration r where " + field + " = :v and r.status = :p", Long.class)
                .setParameter("v", value).setParameter("p", RegistrationStatus.PENDING).setMaxResults(1).getResultList().isEmpty();
    }

    private boolean pendingUsername(String username) {
        return !em.createQuery("select r.id from FirmRegistration r where lower(r.username) = :v and r.status = :p", Long.class)
                .setParameter("v", username.toLowerCase(java.util.Locale.ROOT)).setParameter("p", RegistrationStatus.PENDING)
                .setMaxResults(1).getResultList().isEmpty();
    }

    private Firm firmByCode(String code) {
        return em.createNamedQuery("Firm.byCreditCode", Firm.class).setParameter("code", code).getResultStream().findFirst().orElse(null);
    }

    private static RegistrationData empty() {
        return new RegistrationData(null, null, null, false, null, null, 0, null, null, null, null, null, null, null);
    }

    private static Subject subject(FirmRegistration r) {
        return new Subject("FirmRegistration", r.getId(), r.getFirmId(), r.getPark().getId());
    }

    /** No phone, e-mail or username: the audit holds what the park decided about which firm. */
    static Map<String, Object> snapshot(FirmRegistration r) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("creditCode", r.getCreditCode());
        m.put("name", r.getName());
        m.put("park", r.getPark().getCode());
        m.put("status", r.getStatus().name());
        m.put("firmId", r.getFirmId());
        return m;
    }
}
