package cn.loopgate.apicredential;

import cn.loopgate.audit.AuditService;
import cn.loopgate.identity.AccessPolicy;
import cn.loopgate.identity.Caller;
import cn.loopgate.identity.Role;
import cn.loopgate.identity.machine.ApiCredential;
import cn.loopgate.identity.machine.ApiScope;
import cn.loopgate.identity.machine.ApiTokens;
import cn.loopgate.identity.machine.MachineSignIn;
import cn.loopgate.shared.DomainException;
import cn.loopgate.shared.DomainException.FieldError;
import cn.loopgate.shared.TimeZones;
import cn.loopgate.shared.validation.Validation;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * Issuing, listing and revoking API credentials. Administrators: any scope, every credential. A firm's manager: scope
 * FIRM for their own firm only, and that firm's credentials. Machines never manage credentials (their allow-list has
 * no such endpoint, and this service refuses them again). Every issue and revocation is audited; the secret is
 * returned once by {@link #issue} and never stored or logged.
 */
@ApplicationScoped
@Transactional
public class ApiCredentialService {

    @PersistenceContext
    EntityManager em;
    @Inject
    AccessPolicy access;
    @Inject
    AuditService audit;
    @Inject
    Validation validation;
    @Inject
    MachineSignIn machines;
    @Inject
    Clock clock;
    @Inject
    @ConfigProperty(name = "loopgate.api-credentials.max-days", defaultValue = "365")
    int maxDays;

    /** A credential just issued, with its secret: the only time the secret is shown. */
    public record Issued(ApiCredentialRow credential, String secret) {
    }

    /** How many days ahead a credential may expire at most. */
    @Transactional(Transactional.TxType.SUPPORTS)
    public int maxDays() {
        return maxDays;
    }

    /** An administrator or a firm's manager, as a person (never a machine). */
    private Caller issuer() {
        Caller c = access.require(Role.ADMIN, Role.FIRM_MANAGER);
        if (c.isMachine()) {
            throw DomainException.forbidden();
        }
        return c;
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public List<ApiCredentialRow> list() {
        Caller c = issuer();
        List<ApiCredential> found = c.is(Role.ADMIN)
                ? em.createQuery("select c from ApiCredential c order by c.createdAt desc, c.id desc", ApiCredential.class).getResultList()
                : em.createQuery("select c from ApiCredential c where c.firmId = :firm order by c.createdAt desc, c.id desc",
                ApiCredential.class).setParameter("firm", c.firmId() == null ? -1L : c.firmId()).getResultList();
        return rows(found);
    }

    public Issued issue(ApiCredentialData data) {
        Caller c = issuer();
        ApiCredentialData d = data == null ? new ApiCredentialData(null, null, null, null, null) : data.normalized();
        if (c.is(Role.FIRM_MANAGER)) {
            if (d.scope() != null && d.scope() != ApiScope.FIRM) {
                throw DomainException.forbidden();
            }
            if (d.firmId() != null && !d.firmId().equals(c.firmId())) {
                throw DomainException.notFound();
            }
            d = new ApiCredentialData(d.name(), d.scope(), c.firmId(), List.of(), d.expiresOn());
        }
        List<FieldError> errors = new ArrayList<>();
        LocalDate today = LocalDate.ofInstant(clock.instant(), TimeZones.CHINA);
        if (d.expiresOn() != null && !d.expiresOn().isAfter(today)) {
            errors.add(new FieldError("expiresOn", "apiCredential.expiryPast"));
        } else if (d.expiresOn() != null && d.expiresOn().isAfter(today.plusDays(maxDays))) {
            errors.add(new FieldError("expiresOn", "apiCredential.expiryTooFar", maxDays));
        }
        if (d.scope() == ApiScope.FIRM) {
            if (d.firmId() == null) {
                errors.add(new FieldError("firmId", "validation.required"));
            } else if (firmNames(Set.of(d.firmId())).isEmpty()) {
                errors.add(new FieldError("firmId", "apiCredential.unknownFirm"));
            }
        } else if (d.scope() != null) {
            if (d.parkIds().isEmpty()) {
                errors.add(new FieldError("parkIds", "validation.required"));
            } else if (parkNames(Set.copyOf(d.parkIds())).size() != d.parkIds().size()) {
                errors.add(new FieldError("parkIds", "apiCredential.unknownPark"));
            }
        }
        validation.check(d, errors);

        Instant now = clock.instant();
        String secret = ApiTokens.generate();
        ApiCredential credential = new ApiCredential(d.name(), secret, d.scope(), d.firmId(), Set.copyOf(d.parkIds()), now,
                c.username(), d.expiresOn().plusDays(1).atStartOfDay(TimeZones.CHINA).toInstant());
        em.persist(credential);
        em.flush();
        audit.record(subject(credential), "ISSUE", null, snapshot(credential, now), null);
        return new Issued(rows(List.of(credential)).get(0), secret);
    }

    public ApiCredentialRow revoke(long id) {
        Caller c = issuer();
        ApiCredential credential = em.find(ApiCredential.class, id);
        if (credential == null || c.is(Role.FIRM_MANAGER) && (credential.getFirmId() == null || !credential.getFirmId().equals(c.firmId()))) {
            throw DomainException.notFound();
        }
        Instant now = clock.instant();
        Map<String, Object> before = snapshot(credential, now);
        credential.revoke(now, c.username());
        machines.forget(id);
        audit.record(subject(credential), "REVOKE", before, snapshot(credential, now), null);
        return rows(List.of(credential)).get(0);
    }

    private static AuditService.Subject subject(ApiCredential credential) {
        return new AuditService.Subject("ApiCredential", credential.getId(), credential.getFirmId(), null);
    }

    /** What the audit keeps: everything a list shows (never the secret or its hash). */
    private static Map<String, Object> snapshot(ApiCredential c, Instant now) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("name", c.getName());
        m.put("shown", c.getTokenPrefix());
        m.put("scope", c.getScope().name());
        if (c.getFirmId() != null) {
            m.put("firmId", c.getFirmId());
        }
        if (!c.getParkIds().isEmpty()) {
            m.put("parkIds", new TreeSet<>(c.getParkIds()));
        }
        m.put("expiresAt", c.getExpiresAt().toString());
        m.put("status", c.status(now).name());
        return m;
    }

    private List<ApiCredentialRow> rows(List<ApiCredential> found) {
        Instant now = clock.instant();
        Map<Long, String> firms = firmNames(found.stream().map(ApiCredential::getFirmId).filter(java.util.Objects::nonNull)
                .collect(Collectors.toSet()));
        Map<Long, String> parks = parkNames(found.stream().flatMap(x -> x.getParkIds().stream()).collect(Collectors.toSet()));
        return found.stream().map(x -> {
            List<Long> parkIds = x.getParkIds().stream().sorted().toList();
            return new ApiCredentialRow(x.getId(), x.getName(), x.getTokenPrefix(), x.getScope(), x.getFirmId(),
                    x.getFirmId() == null ? null : firms.get(x.getFirmId()), parkIds,
                    parkIds.stream().map(p -> parks.getOrDefault(p, String.valueOf(p))).collect(Collectors.joining("、")),
                    x.getCreatedAt(), x.getCreatedBy(), x.getExpiresAt(),
                    LocalDate.ofInstant(x.getExpiresAt().minusNanos(1), TimeZones.CHINA), x.getLastUsedAt(), x.status(now), x.getRevokedAt(),
                    x.getRevokedBy());
        }).toList();
    }

    private Map<Long, String> firmNames(Set<Long> ids) {
        Map<Long, String> names = new HashMap<>();
        if (!ids.isEmpty()) {
            em.createQuery("select f.id, f.name from Firm f where f.id in :ids", Object[].class).setParameter("ids", ids)
                    .getResultList().forEach(r -> names.put((Long) r[0], (String) r[1]));
        }
        return names;
    }

    private Map<Long, String> parkNames(Set<Long> ids) {
        Map<Long, String> names = new HashMap<>();
        if (!ids.isEmpty()) {
            em.createQuery("select p.id, p.name from Park p where p.id in :ids", Object[].class).setParameter("ids", ids)
                    .getResultList().forEach(r -> names.put((Long) r[0], (String) r[1]));
        }
        return names;
    }
}
