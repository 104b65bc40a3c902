package cn.loopgate.dashboard;

import cn.loopgate.shared.Jsonp;
import cn.loopgate.audit.AuditService;
import cn.loopgate.identity.AccessPolicy;
import cn.loopgate.identity.Caller;
import cn.loopgate.identity.Role;
import cn.loopgate.shared.DomainException;
import cn.loopgate.shared.Messages;
import cn.loopgate.shared.validation.Validation;
import cn.loopgate.shared.web.Formats;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;

import java.io.StringReader;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Published bulletins (issue 23.5). Issuing freezes a bulletin: it gets a number (复工复产日报〔2026〕3号),
 * its "数据生成时间", and both PDFs and the figures it printed are stored and served byte for byte ever
 * after. Reports for the day may still arrive or be corrected: {@link #revisions} lists every figure that
 * now differs from the published one, never silently. Analysts and administrators issue and see revisions;
 * liaison officers may read (download) what was published, as anyone the bulletin is sent to.
 */
@ApplicationScoped
@Transactional
public class BulletinArchive {

    /** Advisory lock key that serialises numbering within a year. */
    private static final long NUMBER_LOCK = 9023;

    @Inject
    AccessPolicy access;
    @Inject
    Bulletin bulletin;
    @Inject
    DashboardService dashboard;
    @Inject
    AuditService audit;
    @Inject
    Validation validation;
    @PersistenceContext
    EntityManager em;

    /** What to publish: a past or current day and a slice. */
    public record IssueBulletin(@cn.loopgate.shared.validation.Required LocalDate day, Long districtId, Long parkId,
                                Boolean aboveSize, cn.loopgate.firm.FourAbove fourAbove, cn.loopgate.firm.Industry industry) {
        Slice slice() {
            return new Slice(districtId, parkId, aboveSize, fourAbove, industry);
        }
    }

    /** A published bulletin without its PDFs. */
    public record Published(long id, String number, LocalDate day, String subject, Instant generatedAt, String issuedBy) implements java.io.Serializable {
    }

    /** One figure that changed since publication: group (park or the total), figure, published and now. */
    public record Revision(String group, String figure, String published, String current) implements java.io.Serializable {
    }

    public Published issue(IssueBulletin command) {
        Caller caller = access.require(Role.ANALYST, Role.ADMIN);
        validation.check(command);
        Slice slice = command.slice();
        Instant now = dashboard.now();
        int year = now.atZone(Formats.CHINA).getYear();
        em.createNativeQuery("select 1 from (select pg_advisory_xact_lock(?1, ?2)) l").setParameter(1, (int) NUMBER_LOCK)
                .setParameter(2, year).getSingleResult();
        int seq = ((Number) em.createNativeQuery("select coalesce(max(seq), 0) + 1 from published_bulletin where year = ?1")
                .setParameter(1, year).getSingleResult()).intValue();
        Locale zh = Messages.DEFAULT_LOCALE;
        BulletinDocument docZh = bulletin.document(command.day(), slice, zh)
                .issued(Messages.get(zh, "bulletin.number", year, seq),
                        Messages.get(zh, "bulletin.generatedAt", ExcelExport.instant(now)));
        BulletinDocument docEn = bulletin.document(command.day(), slice, Messages.ENGLISH)
                .issued(Messages.get(Messages.ENGLISH, "bulletin.number", year, seq),
                        Messages.get(Messages.ENGLISH, "bulletin.generatedAt", ExcelExport.instant(now)));
        String subject = bulletin.subject(slice, zh);
        PublishedBulletin b = new PublishedBulletin(year, seq, day(command.day()), slice, subject,
                freeze(snapshot(command.day(), slice)), BulletinPdf.render(docZh), BulletinPdf.render(docEn), now,
                caller.username());
        em.persist(b);
        em.flush();
        Map<String, Object> after = new LinkedHashMap<>();
        after.put("number", docZh.number());
        after.put("day", String.valueOf(b.getDay()));
        after.put("subject", subject);
        audit.record(new AuditService.Subject("Bulletin", b.getId(), null, command.parkId()), "bulletin.issue", null,
                after, null);
        return view(b);
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public List<Published> list() {
        access.require(Role.ANALYST, Role.ADMIN, Role.LIAISON);
        return em.createQuery("select b from PublishedBulletin b order by b.day desc, b.id desc", PublishedBulletin.class)
                .setMaxResults(500).getResultList().stream().map(BulletinArchive::view).toList();
    }

    /** The PDF exactly as published. */
    @Transactional(Transactional.TxType.SUPPORTS)
    public byte[] pdf(long id, boolean english) {
        access.require(Role.ANALYST, Role.ADMIN, Role.LIAISON);
        PublishedBulletin b = find(id);
        return english ? b.getPdfEn() : b.getPdf();
    }

    /** Every figure of the published bulletin that differs now (live figures of the same day and slice). */
    @Transactional(Transactional.TxType.SUPPORTS)
    public List<Revision> revisions(long id, Locale locale) {
        access.require(Role.ANALYST, Role.ADMIN);
        PublishedBulletin b = find(id);
        Map<String, String> then = thaw(b.getFigures());
        Map<String, String> now = snapshot(b.getDay(), b.slice());
        Locale loc = Messages.supported(locale);
        List<Revision> out = new ArrayList<>();
        for (String key : union(then, now)) {
            String was = then.getOrDefault(key, "-");
            String is = now.getOrDefault(key, "-");
            if (!was.equals(is)) {
                String[] k = key.split("\\|", 3);
                String group = "all".equals(k[0]) ? Messages.get(loc, "bulletin.total") : k[2];
                out.add(new Revision(group, Messages.get(loc, "bulletin.figure." + k[1]), was, is));
            }
        }
        return out;
    }

    private static List<String> union(Map<String, String> a, Map<String, String> b) {
        List<String> keys = new ArrayList<>(a.keySet());
        b.keySet().stream().filter(k -> !a.containsKey(k)).forEach(keys::add);
        return keys;
    }

    /** The figures a bulletin prints, keyed "group|figure|label" → "numerator/denominator (percent)". */
    private Map<String, String> snapshot(LocalDate day, Slice slice) {
        Map<String, String> out = new LinkedHashMap<>();
        put(out, "all", "", dashboard.figures(day, slice));
        for (Figures p : dashboard.byPark(day(day), slice, Messages.DEFAULT_LOCALE)) {
            put(out, "park" + p.key(), p.label(), p);
        }
        return out;
    }

    private static void put(Map<String, String> out, String group, String label, Figures f) {
        Map<String, Ratio> ratios = new LinkedHashMap<>();
        ratios.put("resumption", f.resumption());
        ratios.put("arrivalResumed", f.arrivalResumed());
        ratios.put("arrival", f.arrival());
        ratios.put("capacity", f.capacity());
        ratios.put("compliance", f.compliance());
        ratios.forEach((name, r) -> out.put(group + "|" + name + "|" + label,
                r.numeratorText() + "/" + r.denominatorText() + " (" + r.percentText() + ")"));
        out.put(group + "|missing|" + label, String.valueOf(f.missing()));
    }

    private static String freeze(Map<String, String> figures) {
        jakarta.json.JsonObjectBuilder o = Jsonp.PROVIDER.createObjectBuilder();
        figures.forEach(o::add);
        return o.build().toString();
    }

    private static Map<String, String> thaw(String json) {
        Map<String, String> out = new LinkedHashMap<>();
        try (jakarta.json.JsonReader r = Jsonp.PROVIDER.createReader(new StringReader(json))) {
            r.readObject().forEach((k, v) -> out.put(k, ((jakarta.json.JsonString) v).getString()));
        }
        return out;
    }

    private LocalDate day(LocalDate day) {
        return day == null ? dashboard.today() : day;
    }

    private PublishedBulletin find(long id) {
        PublishedBulletin b = em.find(PublishedBulletin.class, id);
        if (b == null) {
            throw DomainException.notFound();
        }
        return b;
    }

    private static Published view(PublishedBulletin b) {
        return new Published(b.getId(), Messages.get(Messages.DEFAULT_LOCALE, "bulletin.number", b.getYear(), b.getSeq()),
                b.getDay(), b.getSubject(), b.getGeneratedAt(), b.getIssuedBy());
    }
}
