package cn.loopgate.firmimport;

import cn.loopgate.account.AccountService;
import cn.loopgate.account.InviteData;
import cn.loopgate.audit.AuditService;
import cn.loopgate.audit.AuditService.Subject;
import cn.loopgate.firm.FourAbove;
import cn.loopgate.firm.Industry;
import cn.loopgate.firmimport.FirmImportCheck.Action;
import cn.loopgate.firmimport.FirmImportCheck.Existing;
import cn.loopgate.firmimport.FirmImportCheck.ExistingUser;
import cn.loopgate.firmimport.FirmImportCheck.ParkRef;
import cn.loopgate.firmimport.FirmImportCheck.Result;
import cn.loopgate.identity.AccessPolicy;
import cn.loopgate.liaison.AssignmentData;
import cn.loopgate.liaison.LiaisonService;
import cn.loopgate.identity.Caller;
import cn.loopgate.identity.Role;
import cn.loopgate.identity.oidc.OidcSettings;
import cn.loopgate.park.Park;
import cn.loopgate.shared.DomainException;
import cn.loopgate.shared.Messages;
import cn.loopgate.shared.persistence.Database;
import cn.loopgate.shared.sheet.SheetFormat;
import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;

import javax.sql.DataSource;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.logging.Logger;

/**
 * Firm import in two steps, like the roster's: a dry run that checks every row and keeps the file, then the
 * import of all rows (only when none is invalid) or of the valid ones, in one transaction: new firms and
 * changes as set-based statements over arrays (the firm_history trigger records every change), then one invitation per new
 * manager through {@link AccountService#invite} (its own checks, audit entry and activation link). Administrators
 * import into any park; a liaison officer into their parks only, and changes only firms of their parks.
 */
@ApplicationScoped
@Transactional
public class FirmImportService {

    private static final int CHUNK = 2_000;
    /** Durations and counts only (no names, codes or phones): what an operator needs to see an import's cost. */
    private static final Logger LOG = Logger.getLogger(FirmImportService.class.getName());
    private static final int SHOWN_PROBLEMS = 500;

    @PersistenceContext
    EntityManager em;
    @Inject
    AccessPolicy access;
    @Inject
    AuditService audit;
    @Inject
    AccountService accounts;
    @Inject
    OidcSettings oidc;
    @Inject
    LiaisonService liaisons;
    @Inject
    Clock clock;
    @Resource(lookup = Database.JNDI)
    DataSource dataSource;

    /** A row as the report shows it: line, firm name, credit code, and the messages (empty when valid). */
    public record RowSummary(int line, String name, String creditCode, Action action, boolean invite, List<String> problems,
                             String liaison)
            implements java.io.Serializable {
    }

    /** An activation link no channel could carry (no mail server, no SMS gateway): shown once, to hand over. */
    public record Link(String username, String link) implements java.io.Serializable {
    }

    public record Summary(long id, String fileName, SheetFormat format, FirmImport.Status status, int totalRows,
                          int validRows, int invalidRows, long newRows, long updatedRows, long unchangedRows,
                          long invitations, Integer importedRows, Integer invitedManagers, List<RowSummary> invalid,
                          List<Link> links) implements java.io.Serializable {
    }

    /** The access check of an upload, made before its name, size and bytes are looked at. */
    @Transactional(Transactional.TxType.SUPPORTS)
    public void checkUpload() {
        importer();
    }

    /** Checks a file without changing any firm; returns the per-row result and keeps the file. */
    public Summary dryRun(String fileName, byte[] data, Locale locale) {
        Caller c = importer();
        long t0 = System.nanoTime();
        FirmSheet.Parsed parsed = FirmSheet.parse(fileName, data);
        long t1 = System.nanoTime();
        List<Result> results = check(c, parsed);
        LOG.info(() -> String.format("firm import dry run: %d rows read in %d ms, checked in %d ms", results.size(),
                (t1 - t0) / 1_000_000, (System.nanoTime() - t1) / 1_000_000));
        int valid = (int) results.stream().filter(Result::valid).count();
        FirmImport imp = new FirmImport(fileName, parsed.format(), data, results.size(), valid, clock.instant(), c.username());
        em.persist(imp);
        em.flush();
        audit.record(subject(imp), "CHECK", null, counts(imp), null);
        return summary(imp, results, List.of(), locale);
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public Summary get(long importId, Locale locale) {
        Caller c = importer();
        FirmImport imp = find(c, importId);
        return summary(imp, check(c, FirmSheet.parse(imp.getFileName(), imp.getContent())), List.of(), locale);
    }

    /**
     * Imports the checked file: every row ({@code validOnly == false}, refused while any row is invalid) or
     * only the valid ones. Rows are re-checked against the firms, parks and users as they are now.
     */
    public Summary commit(long importId, boolean validOnly, Locale locale) {
        Caller c = importer();
        FirmImport imp = find(c, importId);
        if (imp.getStatus() != FirmImport.Status.CHECKED) {
            throw DomainException.conflict("import.alreadyImported");
        }
        long t0 = System.nanoTime();
        List<Result> results = check(c, FirmSheet.parse(imp.getFileName(), imp.getContent()));
        long invalid = results.stream().filter(r -> !r.valid()).count();
        if (!validOnly && invalid > 0) {
            throw DomainException.conflict("import.hasErrors", invalid);
        }
        long t1 = System.nanoTime();
        Instant now = clock.instant();
        List<Result> fresh = results.stream().filter(r -> r.valid() && r.action() == Action.NEW).toList();
        List<Result> changed = results.stream().filter(r -> r.valid() && r.action() == Action.UPDATE).toList();
        Map<String, Long> ids = write(fresh, changed, now);
        long written = System.nanoTime();
        // Written now, so that EclipseLink reads from here on through the transaction's own connection (before its
        // first write it reads through its read pool, which cannot see the firms just inserted by JDBC).
        imp.imported(fresh.size() + changed.size(), 0, now);
        em.flush();
        long t2 = System.nanoTime();
        List<Link> links = new ArrayList<>();
        int invited = 0;
        for (Result r : results) {
            if (r.valid() && r.invite()) {
                long firmId = r.firmId() != null ? r.firmId() : ids.get(r.firm().creditCode());
                AccountService.Delivery d = accounts.invite(firmId, new InviteData(r.manager().username(),
                        r.firm().contactName(), r.manager().email(), r.manager().phone()));
                invited++;
                if (d.link() != null) {
                    links.add(new Link(d.username(), d.link()));
                }
            }
        }
        imp.imported(fresh.size() + changed.size(), invited, now);
        int named = assignLiaisons(results, ids);
        int invitations = invited;
        long t3 = System.nanoTime();
        LOG.info(() -> String.format("firm import %d: %d rows read and checked in %d ms, %d written in %d ms (statements %d ms), "
                        + "%d managers invited in %d ms", imp.getId(), results.size(), (t1 - t0) / 1_000_000,
                fresh.size() + changed.size(), (t2 - t1) / 1_000_000, (written - t1) / 1_000_000, invitations, (t3 - t2) / 1_000_000));
        Map<String, Object> after = counts(imp);
        after.put("new", fresh.size());
        after.put("updated", changed.size());
        after.put("invited", invited);
        after.put("liaisonsNamed", named);
        audit.record(subject(imp), "IMPORT", null, after, validOnly ? "valid rows only" : "all rows");
        return summary(imp, results, links, locale);
    }

    /**
     * The liaison column: each valid row's firm goes to the named officer through {@link LiaisonService} (its rules,
     * one audit entry per firm that changed hands). Returns how many firms changed officer.
     */
    private int assignLiaisons(List<Result> results, Map<String, Long> ids) {
        Map<Long, List<Long>> byOfficer = new LinkedHashMap<>();
        for (Result r : results) {
            if (r.valid() && r.liaisonUserId() != null) {
                long firmId = r.firmId() != null ? r.firmId() : ids.get(r.firm().creditCode());
                byOfficer.computeIfAbsent(r.liaisonUserId(), k -> new ArrayList<>()).add(firmId);
            }
        }
        int changed = 0;
        for (Map.Entry<Long, List<Long>> e : byOfficer.entrySet()) {
            List<Long> firms = e.getValue();
            for (int from = 0; from < firms.size(); from += LiaisonService.MAX_FIRMS) {
                changed += liaisons.assign(new AssignmentData(firms.subList(from, Math.min(firms.size(), from + LiaisonService.MAX_FIRMS)),
                        e.getKey())).changed();
            }
        }
        return changed;
    }

    /** The per-row report of a dry run as CSV (UTF-8 with BOM, opens in Excel) or .xlsx. */
    @Transactional(Transactional.TxType.SUPPORTS)
    public byte[] report(long importId, SheetFormat format, Locale locale) {
        Caller c = importer();
        FirmImport imp = find(c, importId);
        List<Result> results = check(c, FirmSheet.parse(imp.getFileName(), imp.getContent()));
        return FirmSheet.report(results.stream().map(r -> row(r, locale)).toList(), format, locale);
    }

    /** The empty template with the Chinese headers (and, in .xlsx, a sheet of the accepted values). */
    @Transactional(Transactional.TxType.SUPPORTS)
    public byte[] template(SheetFormat format) {
        importer();
        return FirmSheet.template(format);
    }

    /** Administrators, and park-wide liaison officers (who import into their own parks only; firm-bound ones: 403). */
    private Caller importer() {
        Caller c = access.require(Role.ADMIN, Role.LIAISON);
        if (c.isFirmBoundLiaison()) {
            throw DomainException.forbidden();
        }
        return c;
    }

    private List<Result> check(Caller c, FirmSheet.Parsed parsed) {
        List<ParkRef> parks = em.createQuery("select p from Park p join fetch p.district", Park.class).getResultList().stream()
                .map(p -> new ParkRef(p.getId(), p.getCode(), p.getName(), p.getDistrict().getCode(), p.getDistrict().getName()))
                .toList();
        Set<Long> allowed = c.is(Role.ADMIN) ? null : Set.copyOf(c.parkIds());
        List<String> codes = parsed.rows().stream().map(r -> r.text(FirmSheet.Column.CREDIT_CODE).replace(" ", "")
                .toUpperCase(Locale.ROOT)).filter(s -> s.length() == 18).distinct().toList();
        List<String> names = parsed.rows().stream().map(r -> r.text(FirmSheet.Column.MANAGER)).filter(s -> !s.isEmpty())
                .distinct().toList();
        List<String> liaisonNames = parsed.rows().stream().map(r -> r.text(FirmSheet.Column.LIAISON)).filter(s -> !s.isEmpty())
                .distinct().toList();
        return FirmImportCheck.check(parsed.rows(), new FirmImportCheck.Context(parks, allowed, firms(codes), users(names),
                !oidc.enabled(), liaisons(liaisonNames)));
    }

    /** The registered firms among the file's credit codes: one statement, the codes as an array. */
    private Map<String, Existing> firms(List<String> codes) {
        Map<String, Existing> m = new HashMap<>();
        if (codes.isEmpty()) {
            return m;
        }
        String sql = "select credit_code, id, park_id, name, above_size, four_above, industry, registered_staff, legal_rep, "
                + "contact_name, contact_phone, address from firm where credit_code = any(?)";
        try (Connection con = dataSource.getConnection(); PreparedStatement ps = con.prepareStatement(sql)) {
            Array array = con.createArrayOf("bpchar", codes.toArray());
            ps.setArray(1, array);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    m.put(rs.getString(1).strip(), new Existing(rs.getLong(2), rs.getLong(3), rs.getString(4), rs.getBoolean(5),
                            FourAbove.valueOf(rs.getString(6)), Industry.valueOf(rs.getString(7)), rs.getInt(8),
                            rs.getString(9), rs.getString(10), rs.getString(11), rs.getString(12)));
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("firm look-up failed", e);
        }
        return m;
    }

    /** The enabled liaison officers among the liaison column's usernames, with their parks (none: firm-bound). */
    private Map<String, FirmImportCheck.Liaison> liaisons(List<String> usernames) {
        Map<String, FirmImportCheck.Liaison> m = new HashMap<>();
        if (usernames.isEmpty()) {
            return m;
        }
        String sql = "select u.username, u.id, array_remove(array_agg(up.park_id), null) from app_user u"
                + " left join user_park up on up.user_id = u.id where u.username = any(?) and u.role = 'LIAISON' and u.enabled"
                + " group by u.username, u.id";
        try (Connection con = dataSource.getConnection(); PreparedStatement ps = con.prepareStatement(sql)) {
            ps.setArray(1, con.createArrayOf("varchar", usernames.toArray()));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    Set<Long> parks = new java.util.HashSet<>();
                    for (Object p : (Object[]) rs.getArray(3).getArray()) {
                        parks.add(((Number) p).longValue());
                    }
                    m.put(rs.getString(1), new FirmImportCheck.Liaison(rs.getLong(2), parks));
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("liaison look-up failed", e);
        }
        return m;
    }

    private Map<String, ExistingUser> users(List<String> usernames) {
        Map<String, ExistingUser> m = new HashMap<>();
        if (usernames.isEmpty()) {
            return m;
        }
        try (Connection con = dataSource.getConnection();
             PreparedStatement ps = con.prepareStatement("select username, role, firm_id from app_user where username = any(?)")) {
            ps.setArray(1, con.createArrayOf("varchar", usernames.toArray()));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    long firm = rs.getLong(3);
                    m.put(rs.getString(1), new ExistingUser(Role.FIRM_MANAGER.name().equals(rs.getString(2)), rs.wasNull() ? null : firm));
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("user look-up failed", e);
        }
        return m;
    }

    /**
     * New firms and changes as set-based statements over arrays ({@code unnest}), {@link #CHUNK} rows each: one
     * round trip per chunk instead of one statement per row. Returns the new firms' ids by credit code.
     */
    private Map<String, Long> write(List<Result> fresh, List<Result> changed, Instant now) {
        Map<String, Long> ids = new HashMap<>();
        String insert = "insert into firm (park_id, credit_code, name, above_size, four_above, industry, registered_staff, "
                + "legal_rep, contact_name, contact_phone, address, registered_on, created_at, updated_at, version) "
                + "select t.p::bigint, t.c, t.n, t.a::boolean, t.f, t.i, t.s::int, t.l, t.cn, t.cp, t.ad, t.r::date, ?, ?, 0 "
                + "from unnest(?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[], "
                + "?::text[], ?::text[], ?::text[]) as t(p, c, n, a, f, i, s, l, cn, cp, ad, r) returning credit_code, id";
        String update = "update firm set park_id = t.p::bigint, name = t.n, above_size = t.a::boolean, four_above = t.f, "
                + "industry = t.i, registered_staff = t.s::int, legal_rep = t.l, contact_name = t.cn, contact_phone = t.cp, "
                + "address = t.ad, updated_at = ?, version = firm.version + 1 "
                + "from unnest(?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[], "
                + "?::text[], ?::text[]) as t(id, p, n, a, f, i, s, l, cn, cp, ad) where firm.id = t.id::bigint";
        Timestamp ts = Timestamp.from(now);
        Map<Long, String> today = new HashMap<>();
        try (Connection con = dataSource.getConnection()) {
            for (int from = 0; from < fresh.size(); from += CHUNK) {
                List<Result> chunk = fresh.subList(from, Math.min(fresh.size(), from + CHUNK));
                fresh(con);
                try (PreparedStatement ps = con.prepareStatement(insert)) {
                    ps.setTimestamp(1, ts);
                    ps.setTimestamp(2, ts);
                    ps.setArray(3, column(con, chunk, r -> String.valueOf(r.firm().parkId())));
                    ps.setArray(4, column(con, chunk, r -> r.firm().creditCode()));
                    facts(con, ps, 5, chunk);
                    ps.setArray(14, column(con, chunk, r -> today.computeIfAbsent(r.firm().parkId(),
                            id -> em.find(Park.class, id).today(now).toString())));
                    long t = System.nanoTime();
                    try (ResultSet rs = ps.executeQuery()) {
                        while (rs.next()) {
                            ids.put(rs.getString(1).strip(), rs.getLong(2));
                        }
                    }
                    int n = chunk.size();
                    LOG.fine(() -> String.format("firm import: %d new firms inserted in %d ms", n, (System.nanoTime() - t) / 1_000_000));
                }
            }
            for (int from = 0; from < changed.size(); from += CHUNK) {
                List<Result> chunk = changed.subList(from, Math.min(changed.size(), from + CHUNK));
                fresh(con);
                try (PreparedStatement ps = con.prepareStatement(update)) {
                    ps.setTimestamp(1, ts);
                    ps.setArray(2, column(con, chunk, r -> String.valueOf(r.firmId())));
                    ps.setArray(3, column(con, chunk, r -> String.valueOf(r.firm().parkId())));
                    facts(con, ps, 4, chunk);
                    ps.executeUpdate();
                }
            }
        } catch (SQLException e) {
            if ("23505".equals(e.getSQLState())) {
                // Another import or a page registered one of these credit codes since the check: nothing is written.
                throw DomainException.conflict("firmImport.changedMeanwhile");
            }
            throw new IllegalStateException("firm import failed", e);
        }
        return ids;
    }

    /**
     * Fresh statistics of the history before each chunk. The firm_history trigger's statements are planned once per
     * pooled connection; planned while the table was small they scan it whole, and a list growing it by thousands in
     * one transaction then costs quadratic time (measured: 20,000 rows after a 2,000-row import took 28 s to write
     * instead of 1.5 s). ANALYZE counts this transaction's own new rows and invalidates those cached plans.
     */
    private static void fresh(Connection con) throws SQLException {
        try (var st = con.createStatement()) {
            st.execute("analyze firm_history");
        }
    }

    private static Array column(Connection con, List<Result> rows, java.util.function.Function<Result, String> value) throws SQLException {
        return con.createArrayOf("text", rows.stream().map(value).toArray());
    }

    /** name .. address as nine text arrays, from parameter {@code at} on. */
    private static void facts(Connection con, PreparedStatement ps, int at, List<Result> rows) throws SQLException {
        ps.setArray(at, column(con, rows, r -> r.firm().name()));
        ps.setArray(at + 1, column(con, rows, r -> String.valueOf(r.firm().aboveSize())));
        ps.setArray(at + 2, column(con, rows, r -> r.firm().fourAbove().name()));
        ps.setArray(at + 3, column(con, rows, r -> r.firm().industry().name()));
        ps.setArray(at + 4, column(con, rows, r -> String.valueOf(r.firm().registeredStaff())));
        ps.setArray(at + 5, column(con, rows, r -> r.firm().legalRep()));
        ps.setArray(at + 6, column(con, rows, r -> r.firm().contactName()));
        ps.setArray(at + 7, column(con, rows, r -> r.firm().contactPhone()));
        ps.setArray(at + 8, column(con, rows, r -> r.firm().address()));
    }

    private Summary summary(FirmImport imp, List<Result> results, List<Link> links, Locale locale) {
        long fresh = 0;
        long updated = 0;
        long unchanged = 0;
        long invitations = 0;
        List<RowSummary> invalid = new ArrayList<>();
        int invalidCount = 0;
        for (Result r : results) {
            if (!r.valid()) {
                invalidCount++;
                if (invalid.size() < SHOWN_PROBLEMS) {
                    invalid.add(row(r, locale));
                }
                continue;
            }
            switch (r.action()) {
                case NEW -> fresh++;
                case UPDATE -> updated++;
                case UNCHANGED -> unchanged++;
            }
            invitations += r.invite() ? 1 : 0;
        }
        return new Summary(imp.getId(), imp.getFileName(), imp.getFormat(), imp.getStatus(), results.size(),
                results.size() - invalidCount, invalidCount, fresh, updated, unchanged, invitations, imp.getImportedRows(),
                imp.getInvited(), invalid, links);
    }

    static RowSummary row(Result r, Locale locale) {
        return new RowSummary(r.line(), r.name(), r.creditCode(), r.action(), r.invite(), r.problems().stream()
                .map(p -> Messages.get(locale, "field." + p.field()) + ": " + Messages.get(locale, p.key(), p.args()))
                .toList(), r.liaison());
    }

    /** The caller's own import (an administrator's: any); 404 otherwise. */
    private FirmImport find(Caller c, long importId) {
        FirmImport imp = em.find(FirmImport.class, importId);
        if (imp == null || !c.is(Role.ADMIN) && !imp.getCreatedBy().equals(c.username())) {
            throw DomainException.notFound();
        }
        return imp;
    }

    private static Subject subject(FirmImport imp) {
        return new Subject("FirmImport", imp.getId(), null, null);
    }

    private static Map<String, Object> counts(FirmImport imp) {
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
