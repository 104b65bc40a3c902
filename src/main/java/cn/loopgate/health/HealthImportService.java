package cn.loopgate.health;

import cn.loopgate.audit.AuditService;
import cn.loopgate.audit.AuditService.Subject;
import cn.loopgate.firm.Firm;
import cn.loopgate.firm.FirmService;
import cn.loopgate.health.HealthImportCheck.Action;
import cn.loopgate.health.HealthImportCheck.Key;
import cn.loopgate.health.HealthImportCheck.Person;
import cn.loopgate.health.HealthImportCheck.Recorded;
import cn.loopgate.health.HealthImportCheck.Result;
import cn.loopgate.identity.AccessPolicy;
import cn.loopgate.identity.Caller;
import cn.loopgate.roster.Worker;
import cn.loopgate.roster.WorkerService;
import cn.loopgate.shared.DomainException;
import cn.loopgate.shared.Messages;
import cn.loopgate.shared.sheet.SheetFormat;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;

import java.io.Serializable;
import java.time.Clock;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.logging.Logger;

/**
 * The sampling site's sheet of test results, imported in two steps like the roster: a dry run that checks every
 * row and keeps the file, then the import of all rows (only when none is invalid) or of the valid ones, in one
 * transaction. A positive result goes through {@link HealthService#store} / {@link HealthService#answer}, the
 * path of a single positive entry: the worker's cards are suspended, an incident opened, the liaison officers,
 * the firm's managers and the bureau notified. Who may import: the firm's manager and its park's liaison officers.
 */
@ApplicationScoped
@Transactional
public class HealthImportService {

    private static final int FLUSH_EVERY = 500;
    private static final int SHOWN_PROBLEMS = 500;
    /** Durations and counts only (no names or IDs). */
    private static final Logger LOG = Logger.getLogger(HealthImportService.class.getName());

    @PersistenceContext
    EntityManager em;
    @Inject
    AccessPolicy access;
    @Inject
    FirmService firms;
    @Inject
    WorkerService workers;
    @Inject
    HealthService health;
    @Inject
    AuditService audit;
    @Inject
    Clock clock;

    /** A row as the user sees it: line, name as written, masked resident ID, result, and the action or the messages. */
    public record RowSummary(int line, String name, String residentId, TestResult result, Action action, List<String> problems)
            implements Serializable {
    }

    public record Summary(long id, long firmId, String fileName, SheetFormat format, HealthImport.Status status, int totalRows,
                          int validRows, int invalidRows, long newRows, long resolvedRows, long unchangedRows, long positiveRows,
                          Integer importedRows, Integer importedPositives, List<RowSummary> invalid) implements Serializable {
    }

    /** The access check of an upload, made before its name, size and bytes are looked at. */
    @Transactional(Transactional.TxType.SUPPORTS)
    public void checkUpload(long firmId) {
        importer(firmId);
    }

    /** Checks a file without recording any test; returns the per-row result and keeps the file. */
    public Summary dryRun(long firmId, String fileName, byte[] data, Locale locale) {
        Firm firm = importer(firmId);
        Caller c = access.caller();
        long t0 = System.nanoTime();
        HealthSheet.Parsed parsed = HealthSheet.parse(fileName, data);
        List<Result> results = check(firm, parsed, new HashMap<>());
        LOG.info(() -> String.format("health import dry run: %d rows checked in %d ms", results.size(), (System.nanoTime() - t0) / 1_000_000));
        int valid = (int) results.stream().filter(Result::valid).count();
        HealthImport imp = new HealthImport(firm.getId(), fileName, parsed.format(), data, results.size(), valid, clock.instant(), c.username());
        em.persist(imp);
        em.flush();
        audit.record(subject(imp, firm), "CHECK", null, counts(imp), null);
        return summary(imp, results, locale);
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public Summary get(long firmId, long importId, Locale locale) {
        Firm firm = importer(firmId);
        HealthImport imp = find(firm, importId);
        return summary(imp, check(firm, HealthSheet.parse(imp.getFileName(), imp.getContent()), new HashMap<>()), locale);
    }

    /**
     * Imports the checked file: every row ({@code validOnly == false}, refused while any row is invalid) or only the
     * valid ones. Rows are re-checked against the roster and the tests as they are now (a second import of the same
     * file records nothing twice: its rows are unchanged).
     */
    public Summary commit(long firmId, long importId, boolean validOnly, Locale locale) {
        Firm firm = importer(firmId);
        Caller c = access.caller();
        HealthImport imp = find(firm, importId);
        if (imp.getStatus() != HealthImport.Status.CHECKED) {
            throw DomainException.conflict("import.alreadyImported");
        }
        long t0 = System.nanoTime();
        Map<String, Worker> byId = new HashMap<>();
        List<Result> results = check(firm, HealthSheet.parse(imp.getFileName(), imp.getContent()), byId);
        long invalid = results.stream().filter(r -> !r.valid()).count();
        if (!validOnly && invalid > 0) {
            throw DomainException.conflict("import.hasErrors", invalid);
        }
        Instant now = clock.instant();
        int written = 0;
        int positives = 0;
        int created = 0;
        int resolved = 0;
        for (Result r : results) {
            if (!r.valid() || r.action() == Action.UNCHANGED) {
                continue;
            }
            if (r.action() == Action.RESOLVE) {
                health.answer(em.find(HealthTest.class, r.testId()), r.result(), c, now);
                resolved++;
            } else if (r.result() == TestResult.POSITIVE) {
                // The single entry's path: audited, the worker's cards suspended, an incident opened, people told.
                health.store(byId.get(r.residentId()), r.sampledAt(), r.result(), r.site(), HealthTest.Source.IMPORT, c, now);
                created++;
            } else {
                em.persist(new HealthTest(byId.get(r.residentId()), r.sampledAt(), r.result(), r.site(), HealthTest.Source.IMPORT,
                        c.username(), now));
                created++;
            }
            positives += r.result() == TestResult.POSITIVE ? 1 : 0;
            if (++written % FLUSH_EVERY == 0) {
                em.flush();
            }
        }
        imp.imported(written, positives, now);
        em.flush();
        int rows = written;
        LOG.info(() -> String.format("health import %d: %d rows checked and %d written in %d ms", imp.getId(), results.size(), rows,
                (System.nanoTime() - t0) / 1_000_000));
        Map<String, Object> after = counts(imp);
        after.put("new", created);
        after.put("resolved", resolved);
        after.put("positive", positives);
        audit.record(subject(imp, firm), "IMPORT", null, after, validOnly ? "valid rows only" : "all rows");
        return summary(imp, results, locale);
    }

    /** The per-row report of a dry run as CSV (UTF-8 with BOM, opens in Excel) or .xlsx; resident IDs masked. */
    @Transactional(Transactional.TxType.SUPPORTS)
    public byte[] report(long firmId, long importId, SheetFormat format, Locale locale) {
        Firm firm = importer(firmId);
        HealthImport imp = find(firm, importId);
        List<Result> results = check(firm, HealthSheet.parse(imp.getFileName(), imp.getContent()), new HashMap<>());
        return HealthSheet.report(results.stream().map(r -> row(r, locale)).toList(), format, locale);
    }

    /** The empty template with the Chinese headers (in .xlsx, a sheet of the accepted values). */
    @Transactional(Transactional.TxType.SUPPORTS)
    public byte[] template(long firmId, SheetFormat format) {
        importer(firmId);
        return HealthSheet.template(format);
    }

    /** The firm's manager and its park's liaison officers: 404 outside the read scope, 403 for other roles. */
    private Firm importer(long firmId) {
        Firm firm = firms.get(firmId);
        access.checkPeople(firm.getId(), firm.getPark().getId());
        return firm;
    }

    /** Rows meet the roster through {@link WorkerService#byResidentIds} (blind index); {@code byId} receives the workers found. */
    private List<Result> check(Firm firm, HealthSheet.Parsed parsed, Map<String, Worker> byId) {
        Instant now = clock.instant();
        var ids = HealthImportCheck.residentIds(parsed.rows(), firm.getPark().today(now));
        byId.putAll(workers.byResidentIds(firm.getId(), ids));
        Map<String, Person> roster = new HashMap<>();
        Map<Long, Boolean> workerIds = new LinkedHashMap<>();
        byId.forEach((id, w) -> {
            roster.put(id, new Person(w.getId(), w.getName()));
            workerIds.put(w.getId(), true);
        });
        Map<Key, Recorded> recorded = new HashMap<>();
        List<Long> wl = List.copyOf(workerIds.keySet());
        for (int i = 0; i < wl.size(); i += 1000) {
            for (Object[] t : em.createQuery("select t.worker.id, t.sampledAt, t.id, t.result from HealthTest t"
                            + " where t.firmId = :firm and t.worker.id in :workers", Object[].class)
                    .setParameter("firm", firm.getId()).setParameter("workers", wl.subList(i, Math.min(wl.size(), i + 1000)))
                    .getResultList()) {
                recorded.put(new Key((Long) t[0], (Instant) t[1]), new Recorded((Long) t[2], (TestResult) t[3]));
            }
        }
        return HealthImportCheck.check(parsed.rows(), new HealthImportCheck.Context(roster, recorded, firm.getPark().zone(), now));
    }

    private Summary summary(HealthImport imp, List<Result> results, Locale locale) {
        Map<Action, Long> byAction = new HashMap<>();
        long positives = 0;
        int invalidCount = 0;
        List<RowSummary> invalid = new java.util.ArrayList<>();
        for (Result r : results) {
            if (!r.valid()) {
                invalidCount++;
                if (invalid.size() < SHOWN_PROBLEMS) {
                    invalid.add(row(r, locale));
                }
                continue;
            }
            byAction.merge(r.action(), 1L, Long::sum);
            positives += r.action() != Action.UNCHANGED && r.result() == TestResult.POSITIVE ? 1 : 0;
        }
        return new Summary(imp.getId(), imp.getFirmId(), imp.getFileName(), imp.getFormat(), imp.getStatus(), results.size(),
                results.size() - invalidCount, invalidCount, byAction.getOrDefault(Action.NEW, 0L), byAction.getOrDefault(Action.RESOLVE, 0L),
                byAction.getOrDefault(Action.UNCHANGED, 0L), positives, imp.getImportedRows(), imp.getPositiveRows(), invalid);
    }

    static RowSummary row(Result r, Locale locale) {
        return new RowSummary(r.line(), r.name(), r.maskedId(), r.result(), r.action(), r.problems().stream()
                .map(p -> Messages.get(locale, "field." + p.field()) + ": " + Messages.get(locale, p.key(), java.util.Arrays.stream(p.args())
                        .map(a -> a instanceof TestResult t ? Messages.get(locale, "testResult." + t.name()) : a).toArray()))
                .toList());
    }

    private HealthImport find(Firm firm, long importId) {
        HealthImport imp = em.find(HealthImport.class, importId);
        if (imp == null || imp.getFirmId() != firm.getId()) {
            throw DomainException.notFound();
        }
        return imp;
    }

    private static Subject subject(HealthImport imp, Firm firm) {
        return new Subject("HealthImport", imp.getId(), firm.getId(), firm.getPark().getId());
    }

    private static Map<String, Object> counts(HealthImport imp) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("file", imp.getFileName());
        m.put("rows", imp.getTotalRows());
        m.put("valid", imp.getValidRows());
        m.put("status", imp.getStatus().name());
        if (imp.getImportedRows() != null) {
            m.put("written", imp.getImportedRows());
            m.put("positive", imp.getPositiveRows());
        }
        return m;
    }
}
