package cn.loopgate.it;

import cn.loopgate.dashboard.LiveFigures;
import cn.loopgate.dashboard.Slice;
import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import static cn.loopgate.it.DashboardFixture.D;
import static cn.loopgate.it.DashboardFixture.D_MINUS_1;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Closed days are served from the daily aggregate (table daily_figure, migration V9_1): every slice, the park
 * comparison, the trend and a liaison officer's scope must give exactly what the live computation
 * ({@link LiveFigures}, run on the database) gives — after the aggregate was built, and again after late
 * filings, corrections, deletions and back-dated history edits for those days.
 */
class DailyFigureIT {

    static Portal portal;
    static Api analyst;
    static DashboardFixture city;
    static LiveFigures live;
    static LiveFigures liaisonLive;
    static final LocalDate D_MINUS_2 = D.minusDays(2);

    @BeforeAll
    static void start() throws Exception {
        portal = Portal.get();
        analyst = portal.api("analyst");
        city = new DashboardFixture(portal);
        live = new LiveFigures(portal.db.dataSource(), null);
        Set<Long> parks = new HashSet<>();
        query("select up.park_id from user_park up join app_user u on u.id = up.user_id where u.username = 'liaison.cd'",
                rs -> parks.add(rs.getLong(1)));
        liaisonLive = new LiveFigures(portal.db.dataSource(), parks);
    }

    @Test
    void closedDaysFromTheAggregateEqualTheLiveComputation() throws Exception {
        compareEverything();
        // The aggregate of (D, park A) was built and is current.
        assertTrue(built(D, city.parkA), "aggregate of D built");

        // A5 files late for D, after the aggregate was built: the trigger invalidates it, the next read rebuilds.
        try (Connection c = portal.db.dataSource().getConnection()) {
            DashboardFixture.report(c, city.a5, city.parkA, D, true, false, 25, 30, "NORMAL", 70);
        }
        assertTrue(!built(D, city.parkA), "late report invalidated D for park A");
        assertTrue(built(D, city.parkB), "park B untouched");
        JsonNode f = analyst.get("dashboard/figures?districtId=" + city.district + "&day=" + D).json();
        assertEquals(0, f.get("missing").asInt(), f.toString()); // was 1 (A5)
        assertEquals(2, f.get("late").asInt(), f.toString()); // A2 and now A5
        assertEquals("4", f.get("resumption").get("numerator").asText(), f.toString()); // A5 resumed 03-02, NORMAL
        assertTrue(built(D, city.parkA), "rebuilt on read");
        compareEverything();

        // A correction of A1's report for D-1, a deletion of B2's report for D (as retention would), and a
        // back-dated history edit: B1's resumption date 03-03, known since 03-02 20:00.
        try (Connection c = portal.db.dataSource().getConnection()) {
            DashboardFixture.exec(c, "update daily_report set staff_on_site = 95, capacity_pct = 99, production_status = 'PARTIAL',"
                    + " revision = revision + 1 where firm_id = ? and report_date = ?", city.a1, java.sql.Date.valueOf(D_MINUS_1));
            DashboardFixture.exec(c, "delete from daily_report where firm_id = ? and report_date = ?", city.b2, java.sql.Date.valueOf(D));
            DashboardFixture.resume(c, city.b1, "2026-03-03", OffsetDateTime.parse("2026-03-02T20:00:00+08:00"));
        }
        assertTrue(!built(D_MINUS_1, city.parkA) && !built(D, city.parkB), "invalidated");
        compareEverything();
        JsonNode b = analyst.get("dashboard/figures?parkId=" + city.parkB + "&day=" + D).json();
        assertEquals(1, b.get("missing").asInt(), b.toString()); // B2's report deleted
        assertEquals("1", b.get("resumption").get("numerator").asText(), b.toString()); // B1 now resumed on D
    }

    @Test
    void todaysFilingsDoNotTouchTheAggregates() throws Exception {
        LocalDate today = LocalDate.now(ZoneId.of("Asia/Shanghai"));
        analyst.get("dashboard/trend?districtId=" + city.district + "&from=" + today.minusDays(3) + "&to=" + today);
        long before = generations();
        long firm = city.firm(city.parkA, false, 12);
        try (Connection c = portal.db.dataSource().getConnection()) {
            DashboardFixture.report(c, firm, city.parkA, today, false, false, 5, 12, "NORMAL", 50);
        }
        assertEquals(before, generations(), "a report for today bumps no generation");
        assertEquals(0, count("select count(*) from daily_figure_stamp where day >= ?", today), "no stamp for the open day");
        // Today's figures (live) count the new firm; the trend up to today mixes stored and live days.
        assertEquals(live.trend(today.minusDays(3), today, district()),
                trend("districtId=" + city.district, today.minusDays(3), today));
    }

    private static Slice district() {
        return LiveFigures.slice(city.district, null, null, null, null);
    }

    private static void compareEverything() throws Exception {
        List<Object[]> slices = List.of(
                new Object[] {"districtId=" + city.district, district()},
                new Object[] {"districtId=" + city.district + "&aboveSize=true", LiveFigures.slice(city.district, null, true, null, null)},
                new Object[] {"parkId=" + city.parkA, LiveFigures.slice(null, city.parkA, null, null, null)},
                new Object[] {"parkId=" + city.parkB + "&aboveSize=true", LiveFigures.slice(null, city.parkB, true, null, null)},
                new Object[] {"districtId=" + city.district + "&fourAbove=INDUSTRY", LiveFigures.slice(city.district, null, null, "INDUSTRY", null)},
                new Object[] {"districtId=" + city.district + "&industry=MACHINERY", LiveFigures.slice(city.district, null, null, null, "MACHINERY")},
                new Object[] {"industry=MACHINERY&aboveSize=false", LiveFigures.slice(null, null, false, null, "MACHINERY")},
                new Object[] {"", Slice.CITY});
        for (Object[] s : slices) {
            String q = (String) s[0];
            Slice slice = (Slice) s[1];
            for (LocalDate day : List.of(D_MINUS_2, D_MINUS_1, D)) {
                assertEquals(live.figures(day, slice), figures(analyst, q, day), q + " " + day);
            }
            assertEquals(live.byPark(D, slice), parks(analyst, q, D), "parks " + q);
            assertEquals(live.trend(D_MINUS_2, D, slice), trend(q, D_MINUS_2, D), "trend " + q);
        }
        // A liaison officer's scope: their parks only.
        Api liaison = portal.api("liaison.cd");
        assertEquals(liaisonLive.figures(D, Slice.CITY), figures(liaison, "", D));
        assertEquals(liaisonLive.byPark(D_MINUS_1, Slice.CITY), parks(liaison, "", D_MINUS_1));
    }

    private static String figures(Api api, String query, LocalDate day) {
        Api.Res r = api.get("dashboard/figures?day=" + day + (query.isEmpty() ? "" : "&" + query));
        assertEquals(200, r.status(), r.raw());
        return canon(r.json(), "all");
    }

    private static List<String> parks(Api api, String query, LocalDate day) {
        Api.Res r = api.get("dashboard/parks?day=" + day + (query.isEmpty() ? "" : "&" + query));
        assertEquals(200, r.status(), r.raw());
        List<String> out = new ArrayList<>();
        r.json().forEach(p -> out.add(canon(p, p.get("key").asText())));
        return out;
    }

    private static List<String> trend(String query, LocalDate from, LocalDate to) {
        Api.Res r = analyst.get("dashboard/trend?from=" + from + "&to=" + to + (query.isEmpty() ? "" : "&" + query));
        assertEquals(200, r.status(), r.raw());
        List<String> out = new ArrayList<>();
        r.json().forEach(p -> out.add(canon(p, "all")));
        return out;
    }

    private static String canon(JsonNode f, String key) {
        BigDecimal[] ratios = new BigDecimal[8];
        String[] names = {"resumption", "arrival", "capacity", "compliance"};
        for (int i = 0; i < names.length; i++) {
            ratios[2 * i] = f.get(names[i]).get("numerator").decimalValue();
            ratios[2 * i + 1] = f.get(names[i]).get("denominator").decimalValue();
        }
        return LiveFigures.canon(key, LocalDate.parse(f.get("day").asText()),
                OffsetDateTime.parse(f.get("asOf").asText()).toInstant(), f.get("firms").asLong(), ratios,
                f.get("reported").asLong(), f.get("late").asLong(), f.get("missing").asLong(), f.get("abnormal").asLong(),
                f.get("stopped").asLong());
    }

    private static boolean built(LocalDate day, long park) throws SQLException {
        return count("select count(*) from daily_figure_stamp where day = ? and park_id = " + park + " and built_gen = gen", day) == 1;
    }

    private static long generations() throws SQLException {
        return count("select coalesce(sum(gen), 0) from daily_figure_stamp where day >= ?", D_MINUS_2);
    }

    private static long count(String sql, LocalDate day) throws SQLException {
        long[] n = {0};
        query(sql.replace("?", "date '" + day + "'"), rs -> n[0] = rs.getLong(1));
        return n[0];
    }

    private interface Row {
        void accept(ResultSet rs) throws SQLException;
    }

    private static void query(String sql, Row row) throws SQLException {
        try (Connection c = portal.db.dataSource().getConnection(); PreparedStatement ps = c.prepareStatement(sql);
             ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                row.accept(rs);
            }
        }
    }
}
