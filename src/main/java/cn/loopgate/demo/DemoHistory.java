package cn.loopgate.demo;

import cn.loopgate.firm.Firm;
import cn.loopgate.park.Park;
import cn.loopgate.permit.PermitService;
import cn.loopgate.permit.PermitType;
import cn.loopgate.plan.PlanService;
import cn.loopgate.shared.persistence.Database;
import jakarta.annotation.PostConstruct;
import jakarta.ejb.DependsOn;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import java.util.logging.Logger;

/**
 * Demo history for the embedded run, when {@code loopgate.demo-data=true} and no plan exists yet:
 * approved plans (with a commitment letter and a resumption certificate) for about 85% of the demo
 * firms, resumed on various past days, and their daily reports for the past 30 days up to yesterday
 * (today is left for the people trying the portal), with 5–15% missing or late each day, a few
 * abnormal ones and some partial or stopped production. Inserted with JDBC batches in one transaction.
 */
@Singleton
@Startup
@DependsOn("DemoData")
public class DemoHistory {

    private static final Logger LOG = Logger.getLogger(DemoHistory.class.getName());
    private static final int DAYS = 30;

    @PersistenceContext
    EntityManager em;
    @Inject
    Database database;
    @Inject
    Clock clock;
    @Inject
    @ConfigProperty(name = "loopgate.demo-data", defaultValue = "false")
    boolean enabled;

    @Inject
    DemoData demoData;

    @PostConstruct
    void seed() {
        if (!enabled) {
            return;
        }
        // Only right after DemoData seeded an empty database: never write demo plans into real data.
        if (!demoData.seededNow()) {
            return;
        }
        List<Firm> firms = em.createQuery("select f from Firm f join fetch f.park order by f.id", Firm.class).getResultList();
        if (firms.isEmpty()) {
            return;
        }
        long started = System.nanoTime();
        Random rnd = new Random(20200301L);
        List<Firm> shuffled = new ArrayList<>(firms);
        Collections.shuffle(shuffled, rnd);
        List<Firm> resumed = shuffled.subList(0, (int) Math.round(firms.size() * 0.85));
        Instant now = clock.instant();
        int reports;
        try (Connection c = database.dataSource().getConnection()) {
            for (Firm f : resumed) {
                LocalDate today = f.getPark().today(now);
                LocalDate resumedOn = today.minusDays(3 + rnd.nextInt(45));
                plan(c, f, resumedOn, now);
            }
            reports = reports(c, resumed, now, rnd);
            history(c, firms);
        } catch (SQLException e) {
            throw new IllegalStateException("demo history failed", e);
        }
        int count = reports;
        long ms = Duration.ofNanos(System.nanoTime() - started).toMillis();
        LOG.info(() -> "Demo history seeded: " + resumed.size() + " approved plans, " + count + " daily reports in " + ms + " ms.");
    }

    /** An approved plan, its only version, its commitment letter and its certificate; the firm resumes. */
    private void plan(Connection c, Firm f, LocalDate resumedOn, Instant now) throws SQLException {
        Park park = f.getPark();
        Instant filed = resumedOn.minusDays(4).atTime(9, 30).atZone(park.zone()).toInstant();
        Instant decided = filed.plus(Duration.ofHours(20));
        byte[] pdf = minimalPdf(f.getCreditCode());
        long fileId = insertReturningId(c, "insert into stored_file (firm_id, content_type, size_bytes, sha256, original_name, data, created_by, created_at) "
                + "values (?, 'application/pdf', ?, ?, 'commitment.pdf', ?, 'demo', ?) returning id",
                f.getId(), pdf.length, sha256(pdf), pdf, Timestamp.from(filed));
        long planId = insertReturningId(c, "insert into resumption_plan (firm_id, park_id, status, current_version, submitted_at, created_at, "
                + "decided_at, decided_by) values (?, ?, 'APPROVED', 1, ?, ?, ?, 'demo') returning id",
                f.getId(), park.getId(), Timestamp.from(filed), Timestamp.from(filed), Timestamp.from(decided));
        int headcount = Math.max(1, f.getRegisteredStaff() * (60 + Math.abs(f.getName().hashCode() % 40)) / 100);
        insertReturningId(c, "insert into plan_version (plan_id, number, planned_date, headcount, dormitory, meals, shuttle, disinfection, "
                        + "health_checks, emergency_plan, officer_name, officer_phone, commitment_file_id, submitted_at, submitted_by) "
                        + "values (?, 1, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'demo') returning id",
                planId, java.sql.Date.valueOf(resumedOn), headcount, "厂内集体宿舍，每间不超过4人", "错峰分餐，单人单桌",
                "定点班车两点一线接送", "每日两次全面消杀并登记", "每日早晚两次测温，异常即报",
                "发现发热人员立即隔离并报告园区专班", f.getContactName(), f.getContactPhone(), fileId, Timestamp.from(filed));
        long seq;
        try (PreparedStatement ps = c.prepareStatement("select nextval('permit_number_seq')"); ResultSet rs = ps.executeQuery()) {
            rs.next();
            seq = rs.getLong(1);
        }
        Instant from = resumedOn.atStartOfDay(park.zone()).toInstant();
        long permitId = insertReturningId(c, "insert into permit (type, number, firm_id, park_id, subject_id, holder_name, holder_digest, "
                        + "valid_from, valid_to, issued_at, issued_by) values ('CERTIFICATE', ?, ?, ?, ?, ?, ?, ?, ?, ?, 'demo') returning id",
                PermitType.CERTIFICATE.prefix() + "-" + park.getCode() + "-" + String.format("%07d", seq), f.getId(), park.getId(),
                planId, f.getName(), PermitService.digest(PermitType.CERTIFICATE, f.getCreditCode()), Timestamp.from(from),
                Timestamp.from(from.plus(Duration.ofDays(PlanService.CERTIFICATE_DAYS))), Timestamp.from(decided));
        try (PreparedStatement ps = c.prepareStatement("update resumption_plan set permit_id = ? where id = ?")) {
            ps.setLong(1, permitId);
            ps.setLong(2, planId);
            ps.executeUpdate();
        }
        try (PreparedStatement ps = c.prepareStatement("update firm set resumed_on = ?, updated_at = ? where id = ?")) {
            ps.setDate(1, java.sql.Date.valueOf(resumedOn));
            ps.setTimestamp(2, Timestamp.from(now));
            ps.setLong(3, f.getId());
            ps.executeUpdate();
        }
        firmResumedOn.put(f.getId(), resumedOn);
        firmDecidedAt.put(f.getId(), decided);
    }

    private final java.util.Map<Long, Instant> firmDecidedAt = new java.util.HashMap<>();

    /**
     * The database stamps firm_history when rows are written, i.e. now; the demo city pretends to
     * have existed since its firms' registration. Rewrite the demo firms' history as if recorded when
     * it happened: registered from {@code registered_on}, resumed from the plan's approval, so that
     * the dashboard's past days show the seeded reports.
     */
    private void history(Connection c, List<Firm> firms) throws SQLException {
        try (PreparedStatement delete = c.prepareStatement("delete from firm_history where firm_id = ?");
             PreparedStatement insert = c.prepareStatement("insert into firm_history (firm_id, valid_from, valid_to, park_id, "
                     + "above_size, four_above, industry, registered_staff, resumed_on) values (?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
            for (Firm f : firms) {
                delete.setLong(1, f.getId());
                delete.addBatch();
                Instant registered = f.getRegisteredOn().atStartOfDay(f.getPark().zone()).toInstant();
                Instant decided = firmDecidedAt.get(f.getId());
                historyRow(insert, f, registered, decided, null);
                if (decided != null) {
                    historyRow(insert, f, decided, null, firmResumedOn.get(f.getId()));
                }
            }
            delete.executeBatch();
            insert.executeBatch();
        }
    }

    private static void historyRow(PreparedStatement ps, Firm f, Instant from, Instant to, LocalDate resumedOn) throws SQLException {
        ps.setLong(1, f.getId());
        ps.setTimestamp(2, Timestamp.from(from));
        ps.setTimestamp(3, to == null ? null : Timestamp.from(to));
        ps.setLong(4, f.getPark().getId());
        ps.setBoolean(5, f.isAboveSize());
        ps.setString(6, f.getFourAbove().name());
        ps.setString(7, f.getIndustry().name());
        ps.setInt(8, f.getRegisteredStaff());
        ps.setDate(9, resumedOn == null ? null : java.sql.Date.valueOf(resumedOn));
        ps.addBatch();
    }

    private final java.util.Map<Long, LocalDate> firmResumedOn = new java.util.HashMap<>();

    /** Reports for the last {@link #DAYS} days up to yesterday, in one JDBC batch. */
    private int reports(Connection c, List<Firm> firms, Instant now, Random rnd) throws SQLException {
        int n = 0;
        try (PreparedStatement ps = c.prepareStatement("insert into daily_report (firm_id, park_id, report_date, submitted_at, submitted_by, "
                + "late, zero_report, staff_on_site, registered_staff, temperature_checks, fever_count, symptom_count, positive_count, "
                + "isolated_count, tests_done, abnormal_details, production_status, capacity_pct) "
                + "values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
            LocalDate anyToday = firms.get(0).getPark().today(now);
            for (int back = DAYS; back >= 1; back--) {
                double gapRate = 0.05 + rnd.nextDouble() * 0.10;
                for (Firm f : firms) {
                    Park park = f.getPark();
                    LocalDate day = park.today(now).minusDays(back);
                    LocalDate resumedOn = firmResumedOn.get(f.getId());
                    if (day.isBefore(resumedOn)) {
                        continue;
                    }
                    double u = rnd.nextDouble();
                    if (u < gapRate / 2) {
                        continue; // missing that day
                    }
                    boolean late = u < gapRate;
                    Instant deadline = park.deadlineOf(day);
                    Instant at = late ? deadline.plus(Duration.ofMinutes(10 + rnd.nextInt(300)))
                            : deadline.minus(Duration.ofMinutes(10 + rnd.nextInt(180)));
                    long sinceResumed = java.time.temporal.ChronoUnit.DAYS.between(resumedOn, day);
                    String status;
                    int capacity;
                    double s = rnd.nextDouble();
                    if (s < 0.03) {
                        status = "STOPPED";
                        capacity = 0;
                    } else if (sinceResumed < 7 || s < 0.15) {
                        status = "PARTIAL";
                        capacity = 40 + rnd.nextInt(41);
                    } else {
                        status = "NORMAL";
                        capacity = 85 + rnd.nextInt(21);
                    }
                    int staff = status.equals("STOPPED") ? Math.min(f.getRegisteredStaff(), 2 + rnd.nextInt(5))
                            : Math.min(f.getRegisteredStaff(), f.getRegisteredStaff() * Math.min(capacity, 100) / 100 + rnd.nextInt(3));
                    boolean abnormal = rnd.nextDouble() < 0.015;
                    int fever = abnormal ? 1 : 0;
                    int isolated = abnormal ? 1 + rnd.nextInt(2) : 0;
                    int i = 1;
                    ps.setLong(i++, f.getId());
                    ps.setLong(i++, park.getId());
                    ps.setDate(i++, java.sql.Date.valueOf(day));
                    ps.setTimestamp(i++, Timestamp.from(at));
                    ps.setString(i++, "demo");
                    ps.setBoolean(i++, late);
                    ps.setBoolean(i++, !abnormal);
                    ps.setInt(i++, staff);
                    ps.setInt(i++, f.getRegisteredStaff());
                    ps.setInt(i++, staff);
                    ps.setInt(i++, fever);
                    ps.setInt(i++, 0);
                    ps.setInt(i++, 0);
                    ps.setInt(i++, isolated);
                    ps.setInt(i++, back % 3 == 0 ? staff : 0);
                    ps.setString(i++, abnormal ? "1名员工体温37.8℃，已送发热门诊，密接" + isolated + "人隔离观察" : null);
                    ps.setString(i++, status);
                    ps.setInt(i, capacity);
                    ps.addBatch();
                    n++;
                }
                ps.executeBatch();
            }
            LOG.fine(() -> "demo reports up to " + anyToday.minusDays(1));
        }
        return n;
    }

    private static long insertReturningId(Connection c, String sql, Object... args) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < args.length; i++) {
                ps.setObject(i + 1, args[i]);
            }
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    /** A tiny valid one-page PDF standing in for the scanned letter. */
    static byte[] minimalPdf(String label) {
        String content = "BT /F1 12 Tf 72 720 Td (Commitment " + label + ") Tj ET";
        String pdf = "%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n"
                + "2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj\n"
                + "3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 595 842]/Contents 4 0 R/Resources<</Font<</F1 5 0 R>>>>>>endobj\n"
                + "4 0 obj<</Length " + content.length() + ">>stream\n" + content + "\nendstream endobj\n"
                + "5 0 obj<</Type/Font/Subtype/Type1/BaseFont/Helvetica>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n";
        return pdf.getBytes(StandardCharsets.ISO_8859_1);
    }

    private static String sha256(byte[] data) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(data));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
