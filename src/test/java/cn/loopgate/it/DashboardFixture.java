package cn.loopgate.it;

import com.fasterxml.jackson.databind.node.ObjectNode;

import java.sql.Connection;
import java.sql.Date;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.LocalDate;
import java.time.OffsetDateTime;

/**
 * A small separate city for the dashboard's tests: one new district with parks A and B, seven firms
 * with resumption dates and reports on two past days (D-1 = 2026-03-02, D = 2026-03-03), made through
 * the admin API and JDBC. History rows are back-dated so the facts stood as the comments say on those
 * days; every figure of DashboardIT is worked out from this table on paper.
 *
 * <pre>
 * firm park above staff resumed_on  known from        D-1 report          D report
 * A1   A    yes   100   2026-03-02  03-01 20:00       NORMAL 70/100 80%   NORMAL on time, 80 on site /100, 90%
 * A2   A    yes    50   2026-03-02  03-01 20:00       -                   PARTIAL LATE, 20 on site /60 frozen, 50%
 * A3   A    yes    40   2026-03-01  03-01 20:00       -                   STOPPED on time, 0 /40, 0%
 * A4   A    no     10   -           -                 -                   NORMAL on time, 5 /10, 100%
 * A5   A    no     30   2026-03-02  03-01 20:00       -                   (none)
 * B1   B    yes   200   2026-03-04  03-01 20:00       -                   NORMAL on time, 10 /200, 20%
 * B2   B    no     20   2026-03-02  03-03 09:00       NORMAL 12/20 50%    PARTIAL on time ABNORMAL, 15 /20, 60%
 * </pre>
 * All firms registered_on 2026-03-01, recorded (history from) 2026-03-01 08:00 +08:00.
 */
final class DashboardFixture {

    static final LocalDate D = LocalDate.of(2026, 3, 3);
    static final LocalDate D_MINUS_1 = D.minusDays(1);
    static final OffsetDateTime RECORDED = OffsetDateTime.parse("2026-03-01T08:00:00+08:00");
    static final OffsetDateTime APPROVED = OffsetDateTime.parse("2026-03-01T20:00:00+08:00");

    final Portal portal;
    final Api admin;
    final String tag;
    final long district;
    final long parkA;
    final long parkB;
    long a1, a2, a3, a4, a5, b1, b2;
    final String districtName;

    DashboardFixture(Portal portal) throws SQLException {
        this.portal = portal;
        this.admin = portal.api("admin");
        this.tag = "T7" + Long.toString(System.nanoTime() % 1_000_000, 36).toUpperCase();
        this.districtName = "测试区" + tag;
        Api.Res d = admin.post("districts", Api.obj().put("code", tag).put("name", districtName).put("nameEn", "District " + tag));
        check(d, 201);
        district = d.json().get("id").asLong();
        parkA = park("A");
        parkB = park("B");
        a1 = firm(parkA, true, 100);
        a2 = firm(parkA, true, 50);
        a3 = firm(parkA, true, 40);
        a4 = firm(parkA, false, 10);
        a5 = firm(parkA, false, 30);
        b1 = firm(parkB, true, 200);
        b2 = firm(parkB, false, 20);
        try (Connection c = portal.db.dataSource().getConnection()) {
            for (long f : new long[] {a1, a2, a3, a4, a5, b1, b2}) {
                exec(c, "delete from firm_history where firm_id = ? and valid_to is not null", f);
                exec(c, "update firm_history set valid_from = ? where firm_id = ?", ts(RECORDED), f);
            }
            resume(c, a1, "2026-03-02", APPROVED);
            resume(c, a2, "2026-03-02", APPROVED);
            resume(c, a3, "2026-03-01", APPROVED);
            resume(c, a5, "2026-03-02", APPROVED);
            resume(c, b1, "2026-03-04", APPROVED);
            resume(c, b2, "2026-03-02", OffsetDateTime.parse("2026-03-03T09:00:00+08:00"));

            report(c, a1, parkA, D_MINUS_1, false, false, 70, 100, "NORMAL", 80);
            report(c, b2, parkB, D_MINUS_1, false, false, 12, 20, "NORMAL", 50);

            report(c, a1, parkA, D, false, false, 80, 100, "NORMAL", 90);
            report(c, a2, parkA, D, true, false, 20, 60, "PARTIAL", 50);
            report(c, a3, parkA, D, false, false, 0, 40, "STOPPED", 0);
            report(c, a4, parkA, D, false, false, 5, 10, "NORMAL", 100);
            report(c, b1, parkB, D, false, false, 10, 200, "NORMAL", 20);
            report(c, b2, parkB, D, false, true, 15, 20, "PARTIAL", 60);
        }
    }

    private long park(String suffix) {
        Api.Res p = admin.post("parks", Api.obj().put("districtId", district).put("code", tag + suffix)
                .put("name", "测试园" + tag + suffix).put("nameEn", "Park " + tag + suffix)
                .put("timeZone", "Asia/Shanghai").put("reportDeadline", "10:00:00").put("passMaxDays", 30));
        check(p, 201);
        return p.json().get("id").asLong();
    }

    long firm(long park, boolean above, int staff) {
        ObjectNode body = TestData.firmBody(park, above, staff).put("registeredOn", "2026-03-01");
        Api.Res r = admin.post("firms", body);
        check(r, 201);
        return r.json().get("id").asLong();
    }

    /** Sets the resumption date through the firm table (the trigger writes history), then dates the change {@code at}. */
    static void resume(Connection c, long firm, String day, OffsetDateTime at) throws SQLException {
        exec(c, "update firm set resumed_on = ? where id = ?", Date.valueOf(day), firm);
        backdateLastChange(c, firm, at);
    }

    /** Moves the firm's latest history transition (made just now by the trigger) to {@code at}. */
    static void backdateLastChange(Connection c, long firm, OffsetDateTime at) throws SQLException {
        // The trigger stamps the closing and the opening with two clock_timestamp() calls: match the latest close.
        exec(c, "update firm_history set valid_to = ? where firm_id = ? and valid_to = "
                + "(select max(valid_to) from firm_history where firm_id = ?)", ts(at), firm, firm);
        exec(c, "update firm_history set valid_from = ? where firm_id = ? and valid_to is null", ts(at), firm);
    }

    static void report(Connection c, long firm, long park, LocalDate day, boolean late, boolean abnormal, int onSite,
                       int staff, String status, int capacity) throws SQLException {
        OffsetDateTime at = day.atTime(late ? 15 : 9, 0).atOffset(java.time.ZoneOffset.ofHours(8));
        exec(c, "insert into daily_report (firm_id, park_id, report_date, submitted_at, submitted_by, late, zero_report,"
                        + " staff_on_site, registered_staff, fever_count, abnormal_details, production_status, capacity_pct)"
                        + " values (?, ?, ?, ?, 'fixture', ?, ?, ?, ?, ?, ?, ?, ?)",
                firm, park, Date.valueOf(day), ts(at), late, !abnormal, onSite, staff, abnormal ? 1 : 0,
                abnormal ? "一人发热" : null, status, capacity);
    }

    static Timestamp ts(OffsetDateTime t) {
        return Timestamp.from(t.toInstant());
    }

    static void exec(Connection c, String sql, Object... args) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < args.length; i++) {
                ps.setObject(i + 1, args[i]);
            }
            ps.executeUpdate();
        }
    }

    private static void check(Api.Res r, int status) {
        if (r.status() != status) {
            throw new IllegalStateException(r.status() + " " + r.raw());
        }
    }
}
