package cn.loopgate.roster;

import cn.loopgate.audit.AuditService;
import cn.loopgate.audit.AuditService.Subject;
import cn.loopgate.firm.Firm;
import cn.loopgate.firm.FirmService;
import cn.loopgate.identity.AccessPolicy;
import cn.loopgate.roster.RosterImportCheck.Action;
import cn.loopgate.roster.RosterImportCheck.Existing;
import cn.loopgate.roster.RosterImportCheck.Result;
import cn.loopgate.shared.DomainException;
import cn.loopgate.shared.Messages;
import cn.loopgate.shared.crypto.PersonalDataCipher;
import cn.loopgate.shared.crypto.PersonalDataKeys;
import cn.loopgate.shared.persistence.Database;
import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.Date;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Roster import in two steps: a dry run that checks every row and keeps the file, then the import of
 * all rows (only when none is invalid) or of the valid rows, in one transaction with batched upserts
 * by resident ID, so that importing the same file again adds nobody twice. Firm managers only.
 */
@ApplicationScoped
@Transactional
public class RosterImportService {

    private static final int BATCH = 500;
    private static final int SHOWN_PROBLEMS = 500;

    @PersistenceContext
    EntityManager em;
    @Inject
    AccessPolicy access;
    @Inject
    FirmService firms;
    @Inject
    AuditService audit;
    @Inject
    Clock clock;
    @Inject
    WorkerService workers;
    @Resource(lookup = Database.JNDI)
    DataSource dataSource;

    /** A row as the user sees it in the report: line, name, masked ID, and the messages (empty when valid). */
    public record RowView(int line, String name, String residentId, Action action, List<String> problems) implements java.io.Serializable {
    }

    public record Summary(long id, String fileName, RosterFile.Format format, RosterImport.Status status, int totalRows,
                          int validRows, int invalidRows, long newRows, long updatedRows, long unchangedRows,
                          Integer importedRows, List<RowView> invalid) implements java.io.Serializable {
    }

    /** Checks a file without changing the roster; returns the per-row result and keeps the file. */
    public Summary dryRun(long firmId, String fileName, byte[] data, Locale locale) {
        Firm firm = writable(firmId);
        RosterFile.Parsed parsed = RosterFile.parse(fileName, data);
        List<Result> results = check(firm, parsed);
        int valid = (int) results.stream().filter(Result::valid).count();
        RosterImport imp = new RosterImport(firm.getId(), fileName, parsed.format(), data, results.size(), valid,
                clock.instant(), access.caller().username());
        em.persist(imp);
        em.flush();
        audit.record(subject(imp, firm), "CHECK", null, counts(imp), null);
        return summary(imp, results, locale);
    }

    /** The access check of an upload, made before its name, size and bytes are looked at. */
    @Transactional(Transactional.TxType.SUPPORTS)
    public void checkUpload(long firmId) {
        writable(firmId);
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public Summary get(long firmId, long importId, Locale locale) {
        Firm firm = writable(firmId);
        RosterImport imp = find(firm, importId);
        return summary(imp, check(firm, RosterFile.parse(imp.getFileName(), imp.getContent())), locale);
    }

    /**
     * Imports the checked file: every row ({@code validOnly == false}, refused while any row is
     * invalid) or only the valid ones. Rows are re-checked against the roster as it is now.
     */
    public Summary commit(long firmId, long importId, boolean validOnly, Locale locale) {
        Firm firm = writable(firmId);
        RosterImport imp = find(firm, importId);
        if (imp.getStatus() != RosterImport.Status.CHECKED) {
            throw DomainException.conflict("import.alreadyImported");
        }
        List<Result> results = check(firm, RosterFile.parse(imp.getFileName(), imp.getContent()));
        long invalid = results.stream().filter(r -> !r.valid()).count();
        if (!validOnly && invalid > 0) {
            throw DomainException.conflict("import.hasErrors", invalid);
        }
        List<Result> toWrite = results.stream().filter(r -> r.valid() && r.action() != Action.UNCHANGED).toList();
        upsert(firm, toWrite, clock.instant());
        imp.imported(toWrite.size(), clock.instant());
        Map<String, Object> after = counts(imp);
        after.put("new", toWrite.stream().filter(r -> r.action() == Action.NEW).count());
        after.put("updated", toWrite.stream().filter(r -> r.action() == Action.UPDATE).count());
        audit.record(subject(imp, firm), "IMPORT", null, after, validOnly ? "valid rows only" : "all rows");
        return summary(imp, results, locale);
    }

    /** The per-row report of a dry run as CSV (UTF-8 with BOM, opens in Excel) or .xlsx. */
    @Transactional(Transactional.TxType.SUPPORTS)
    public byte[] report(long firmId, long importId, RosterFile.Format format, Locale locale) {
        Firm firm = writable(firmId);
        RosterImport imp = find(firm, importId);
        List<Result> results = check(firm, RosterFile.parse(imp.getFileName(), imp.getContent()));
        return RosterSheets.report(results.stream().map(r -> view(r, locale)).toList(), format, locale);
    }

    /** The empty template with the Chinese headers (for the firm's own manager, like the import itself). */
    @Transactional(Transactional.TxType.SUPPORTS)
    public byte[] template(long firmId, RosterFile.Format format) {
        writable(firmId);
        return RosterSheets.template(format);
    }

    private void upsert(Firm firm, List<Result> rows, Instant now) {
        // Sealed like the entity's column (ResidentIdConverter), unique per firm by blind index.
        String sql = "insert into worker (firm_id, name, resident_id_enc, phone, job, joined_on, status, created_at, updated_at, version,"
                + " resident_id_index, resident_id_tail) "
                + "values (?, ?, ?, ?, ?, ?, 'ACTIVE', ?, ?, 0, ?, ?) "
                + "on conflict (firm_id, resident_id_index) do update set name = excluded.name, phone = excluded.phone, "
                + "job = excluded.job, joined_on = coalesce(excluded.joined_on, worker.joined_on), status = 'ACTIVE', "
                + "left_on = null, updated_at = excluded.updated_at, version = worker.version + 1";
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            Timestamp ts = Timestamp.from(now);
            PersonalDataCipher cipher = PersonalDataKeys.cipher();
            int n = 0;
            for (Result r : rows) {
                WorkerData d = r.data();
                ps.setLong(1, firm.getId());
                ps.setString(2, d.name());
                ps.setString(3, cipher.encrypt(d.residentId()));
                ps.setString(4, d.phone());
                ps.setString(5, d.job());
                if (d.joinedOn() == null) {
                    ps.setNull(6, Types.DATE);
                } else {
                    ps.setDate(6, Date.valueOf(d.joinedOn()));
                }
                ps.setTimestamp(7, ts);
                ps.setTimestamp(8, ts);
                ps.setString(9, cipher.index(d.residentId()));
                ps.setString(10, cipher.tailIndex(d.residentId()));
                ps.addBatch();
                if (++n % BATCH == 0) {
                    ps.executeBatch();
                }
            }
            if (n % BATCH != 0) {
                ps.executeBatch();
            }
        } catch (SQLException e) {
            throw new IllegalStateException("roster import failed", e);
        }
    }

    /** Rows meet the roster by blind index (the IDs are sealed at rest): the roster is never decrypted. */
    private List<Result> check(Firm firm, RosterFile.Parsed parsed) {
        Map<String, Existing> roster = workers.rosterByIndex(firm);
        PersonalDataCipher cipher = PersonalDataKeys.cipher();
        return RosterImportCheck.check(parsed.rows(), id -> roster.get(cipher.index(id)), firm.getPark().today(clock.instant()));
    }

    private Summary summary(RosterImport imp, List<Result> results, Locale locale) {
        Map<Action, Long> byAction = results.stream().filter(Result::valid)
                .collect(Collectors.groupingBy(Result::action, Collectors.counting()));
        List<RowView> invalid = results.stream().filter(r -> !r.valid()).limit(SHOWN_PROBLEMS).map(r -> view(r, locale)).toList();
        return new Summary(imp.getId(), imp.getFileName(), imp.getFormat(), imp.getStatus(), results.size(),
                (int) results.stream().filter(Result::valid).count(), (int) results.stream().filter(r -> !r.valid()).count(),
                byAction.getOrDefault(Action.NEW, 0L), byAction.getOrDefault(Action.UPDATE, 0L),
                byAction.getOrDefault(Action.UNCHANGED, 0L), imp.getImportedRows(), invalid);
    }

    static RowView view(Result r, Locale locale) {
        return new RowView(r.line(), r.data().name(), r.maskedResidentId(), r.action(), r.problems().stream()
                .map(p -> Messages.get(locale, "name".equals(p.field()) ? "field.displayName" : "field." + p.field()) + ": "
                        + Messages.get(locale, p.key(), p.args()))
                .toList());
    }

    private Firm writable(long firmId) {
        Firm firm = firms.get(firmId);
        access.checkFirmWrite(firm.getId(), firm.getPark().getId());
        return firm;
    }

    private RosterImport find(Firm firm, long importId) {
        RosterImport imp = em.find(RosterImport.class, importId);
        if (imp == null || imp.getFirmId() != firm.getId()) {
            throw DomainException.notFound();
        }
        return imp;
    }

    private static Subject subject(RosterImport imp, Firm firm) {
        return new Subject("RosterImport", imp.getId(), firm.getId(), firm.getPark().getId());
    }

    private static Map<String, Object> counts(RosterImport imp) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("file", imp.getFileName());
        m.put("rows", imp.getTotalRows());
        m.put("valid", imp.getValidRows());
        m.put("status", imp.getStatus().name());
        if (imp.getImportedRows() != null) {
            m.put("written", imp.getImportedRows());
        }
        return m;
    }
}
