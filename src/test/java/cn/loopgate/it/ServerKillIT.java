package cn.loopgate.it;

import cn.loopgate.devserver.EmbeddedDatabase;
import cn.loopgate.roster.RosterFiles;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * kill -9 of the server (issue 10): Payara Micro is killed with SIGKILL while (a) a 10,000-row roster
 * import and (b) a 500-card batch approval are being written, and (c) many clients file daily reports
 * at once — one kill for all three, so the class restarts Payara once, not three times. The portal then
 * starts again on the same database, and every operation is complete or absent: no half import, no half
 * batch (every item approved with its permit, or pending without one), every acknowledged report
 * present, none twice. The killed operations are then retried and succeed. On the fault tests' portal
 * ({@link FaultPortal}), which it leaves serving after the restart.
 * {@code -Dloopgate.kill.rounds=N} repeats the kill (default once).
 */
@Order(FaultPortal.ORDER + 3)
class ServerKillIT {

    static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");
    static final int IMPORT_ROWS = 10_000;
    static final int BATCH_CARDS = 500;
    static final int REPORT_FIRMS = 24;
    static final int REPORT_DAYS = 8;

    static FaultPortal faults;
    static EmbeddedDatabase db;
    static Portal portal;

    @BeforeAll
    static void start() throws Exception {
        faults = FaultPortal.get();
        db = faults.db();
        portal = faults.portal();
        setClock();
    }

    /** The test clock at 09:00 today (before the report deadline). */
    static void setClock() {
        Api.Res clock = portal.api("admin").put("test/clock", Api.obj().put("now", today().atTime(9, 0).atZone(SHANGHAI).toInstant().toString()));
        assertEquals(200, clock.status(), clock.raw());
    }

    static LocalDate today() {
        return LocalDate.now(SHANGHAI);
    }

    /** After the kill -9 (no shutdown hooks, nothing flushed): a fresh server process on the same database and port. */
    static Duration restart() throws Exception {
        Instant t0 = Instant.now();
        portal = faults.restart(Map.of());
        setClock();
        return Duration.between(t0, Instant.now());
    }

    @Test
    void everyOperationIsCompleteOrAbsentAfterTheServerIsKilled() throws Exception {
        Api admin = portal.api("admin");
        long park = TestData.parkId(admin, "CD-ETZ");
        Api liaison = portal.api(TestData.newUser(admin, "LIAISON", null, park));
        int rounds = Integer.getInteger("loopgate.kill.rounds", 1);
        Instant t0 = Instant.now();
        List<String> figures = new ArrayList<>();
        for (int round = 1; round <= rounds; round++) {
            figures.addAll(killRound(round, liaison));
        }
        figures.forEach(f -> System.out.println("ServerKillIT: " + f));
        System.out.println("ServerKillIT: " + rounds + " round(s) in " + Duration.between(t0, Instant.now()).toSeconds() + " s");
    }

    /**
     * One kill -9 that lands while (a) the import and (b) the batch approval both have their transaction
     * open and (c) the reports are being filed; then one restart and the checks of all three. (Three
     * operations, one kill: each restart of Payara costs 20-60 s on this machine.)
     */
    List<String> killRound(int round, Api liaison) throws Exception {
        ImportCase importCase = new ImportCase();
        BatchCase batchCase = new BatchCase(liaison);
        Reports reports = new Reports(round);

        reports.start();
        CompletableFuture<Api.Res> commit = importCase.begin();
        // The import is running once its transaction has written the first batch of workers; it is the
        // longer of the two, so the approval starts then and both transactions are open together.
        long[] importTx = awaitRunning("select count(*) from pg_stat_activity where backend_xid is not null and query like 'insert into worker%'",
                commit);
        CompletableFuture<Api.Res> review = batchCase.begin();
        // The approval is running once it draws permit numbers inside its transaction.
        long[] batchTx = awaitRunning("select count(*) from pg_stat_activity where backend_xid is not null and query like '%permit_number_seq%'",
                review);
        boolean[] open = kill(300, reports, importTx, batchTx);
        Api.Res importAnswer = commit.join();
        Api.Res batchAnswer = review.join();
        Duration restart = restart();

        String lost = reports.verifyAfterRestart();
        String restarted = "; restart " + restart.toSeconds() + " s";
        return List.of(
                "round " + round + " kill during 10,000-row import (transaction open at kill: " + open[0] + "): "
                        + importCase.verifyAfterRestart(importAnswer) + restarted,
                "round " + round + " same kill during 500-card approval (transaction open at kill: " + open[1] + "): "
                        + batchCase.verifyAfterRestart(batchAnswer) + restarted,
                "round " + round + " same kill during the report burst: " + lost);
    }

    // ---- (a) a 10,000-row roster import ----

    final class ImportCase {
        final String user;
        final String path;
        final long firm;
        final long importId;

        ImportCase() throws Exception {
            Api admin = portal.api("admin");
            firm = TestData.newFirm(admin, "CD-ETZ", true, 20_000);
            user = TestData.newUser(admin, "FIRM_MANAGER", firm);
            List<List<String>> rows = new ArrayList<>();
            rows.add(List.of("姓名", "身份证号", "手机号", "岗位", "入职日期"));
            Set<String> ids = new HashSet<>();
            while (rows.size() <= IMPORT_ROWS) {
                String id = TestData.FAKES.residentId("310104");
                if (ids.add(id)) {
                    rows.add(List.of(TestData.FAKES.personName(), id, TestData.FAKES.mobile(), "装配工", "2023-06-01"));
                }
            }
            path = "firms/" + firm + "/roster-imports";
            Uploads.Bytes dry = Uploads.post(portal, user, path, "big.xlsx", RosterFiles.xlsx(rows));
            assertEquals(201, dry.status(), dry.text());
            importId = dry.json().get("id").asLong();
        }

        CompletableFuture<Api.Res> begin() {
            Api manager = portal.api(user);
            return CompletableFuture.supplyAsync(acked(() ->
                    manager.post(path + "/" + importId + "/import", Api.obj().put("validOnly", false))));
        }

        String verifyAfterRestart(Api.Res answer) throws Exception {
            long workers = count("select count(*) from worker where firm_id = ?", firm);
            String status = text("select status from roster_import where id = ?", importId);
            long audited = count("select count(*) from audit_entry where object_type = 'RosterImport' and object_id = ? and action = 'IMPORT'", importId);
            boolean complete = "IMPORTED".equals(status);
            if (complete) {
                assertEquals(IMPORT_ROWS, workers, "an import marked done holds every row");
                assertEquals(1, audited, "a done import is audited once");
            } else {
                assertEquals("CHECKED", status);
                assertEquals(0, workers, "an import that did not commit left no worker behind (no half import)");
                assertEquals(0, audited, "an import that did not commit left no audit entry");
            }
            if (answer != null && answer.status() == 200) {
                assertTrue(complete, "an acknowledged import is complete after the restart");
            }
            // The import can be done (or is refused as done) after the restart.
            Api.Res again = portal.api(user).post(path + "/" + importId + "/import", Api.obj().put("validOnly", false));
            assertEquals(complete ? 409 : 200, again.status(), again.raw());
            assertEquals(IMPORT_ROWS, count("select count(*) from worker where firm_id = ?", firm));
            return (complete ? "complete" : "absent") + ", then " + (complete ? "refused as done" : "imported on retry");
        }
    }

    // ---- (b) a 500-card batch approval ----

    final class BatchCase {
        final Api liaison;
        final long firm;
        final long batch;
        final long version;

        BatchCase(Api liaison) throws Exception {
            this.liaison = liaison;
            Api admin = portal.api("admin");
            firm = TestData.newFirm(admin, "CD-ETZ", true, 1_000);
            String user = TestData.newUser(admin, "FIRM_MANAGER", firm);
            StringBuilder csv = new StringBuilder("姓名,身份证号,手机号,岗位,入职日期\n");
            Set<String> ids = new HashSet<>();
            while (ids.size() < BATCH_CARDS) {
                String id = TestData.FAKES.residentId("510107");
                if (ids.add(id)) {
                    csv.append(TestData.FAKES.personName()).append(',').append(id).append(',').append(TestData.FAKES.mobile()).append(",操作工,2024-03-01\n");
                }
            }
            String path = "firms/" + firm + "/roster-imports";
            Uploads.Bytes dry = Uploads.post(portal, user, path, "cards.csv", csv.toString().getBytes(StandardCharsets.UTF_8));
            assertEquals(201, dry.status(), dry.text());
            Api manager = portal.api(user);
            assertEquals(200, manager.post(path + "/" + dry.json().get("id").asLong() + "/import", Api.obj().put("validOnly", false)).status());
            List<Long> workerIds = longs("select id from worker where firm_id = ?", firm);
            ObjectNode apply = Api.obj().put("firmId", firm).put("validFrom", today().toString()).put("validTo", today().plusDays(29).toString());
            workerIds.forEach(apply.putArray("workerIds")::add);
            Api.Res applied = manager.post("card-batches", apply);
            assertEquals(201, applied.status(), applied.raw());
            batch = applied.json().get("batch").get("id").asLong();
            version = applied.json().get("batch").get("version").asLong();
        }

        CompletableFuture<Api.Res> begin() {
            return CompletableFuture.supplyAsync(acked(() ->
                    liaison.post("card-batches/" + batch + "/review", Api.obj().put("version", version).put("approveAll", true))));
        }

        String verifyAfterRestart(Api.Res answer) throws Exception {
            String status = text("select status from card_batch where id = ?", batch);
            long approved = count("select count(*) from card_batch_item where batch_id = ? and status = 'APPROVED'", batch);
            long pending = count("select count(*) from card_batch_item where batch_id = ? and status = 'PENDING' and permit_id is null", batch);
            long withLivePermit = count("select count(*) from card_batch_item i join permit p on p.id = i.permit_id"
                    + " where i.batch_id = ? and i.status = 'APPROVED' and p.status = 'ACTIVE' and p.subject_id = i.worker_id", batch);
            long permits = count("select count(*) from permit where firm_id = ? and type = 'CARD'", firm);
            long issued = count("select count(*) from audit_entry a join permit p on a.object_type = 'Permit' and a.object_id = p.id"
                    + " where p.firm_id = ? and a.action = 'ISSUE'", firm);
            boolean complete = "DECIDED".equals(status);
            if (complete) {
                assertEquals(BATCH_CARDS, approved, "a decided batch has every item approved");
                assertEquals(BATCH_CARDS, withLivePermit, "every approved item has its active permit");
                assertEquals(BATCH_CARDS, permits, "one permit per item, none extra");
                assertEquals(BATCH_CARDS, issued, "every permit's issue is audited");
            } else {
                assertEquals("SUBMITTED", status);
                assertEquals(BATCH_CARDS, pending, "an approval that did not commit left every item pending without a permit");
                assertEquals(0, permits, "no permit of a half batch");
                assertEquals(0, issued, "no audit entry of a half batch");
            }
            if (answer != null && answer.status() == 200) {
                assertTrue(complete, "an acknowledged approval is complete after the restart");
            }
            long current = liaison.get("card-batches/" + batch).json().get("batch").get("version").asLong();
            Api.Res again = liaison.post("card-batches/" + batch + "/review", Api.obj().put("version", current).put("approveAll", true));
            assertEquals(complete ? 409 : 200, again.status(), again.raw());
            assertEquals(BATCH_CARDS, count("select count(*) from permit where firm_id = ? and type = 'CARD' and status = 'ACTIVE'", firm));
            return (complete ? "complete" : "absent") + ", then " + (complete ? "refused as decided" : "approved on retry");
        }
    }

    // ---- (c) a burst of daily reports ----

    /**
     * Many clients filing reports at once (each firm's report for each of the last {@link #REPORT_DAYS} days,
     * every one sent twice by two clients), remembering each acknowledged 201/200.
     */
    final class Reports {
        final List<Long> firms = new ArrayList<>();
        final List<Api> managers = new ArrayList<>();
        final Map<String, Integer> acknowledged = new ConcurrentHashMap<>();
        final AtomicInteger sent = new AtomicInteger();
        final AtomicInteger inFlight = new AtomicInteger();
        final List<String> refused = new java.util.concurrent.CopyOnWriteArrayList<>();
        final ExecutorService pool = Executors.newFixedThreadPool(16);
        volatile boolean frozen;
        volatile int inFlightAtKill = -1;
        final int seed;

        Reports(int seed) {
            this.seed = seed;
            Api admin = portal.api("admin");
            for (int i = 0; i < REPORT_FIRMS; i++) {
                long firm = TestData.newFirm(admin, "CD-ETZ", true, 500);
                firms.add(firm);
                Api manager = portal.api(TestData.newUser(admin, "FIRM_MANAGER", firm));
                // Signed in once: the burst measures filing, not the first password check of each client.
                assertEquals(200, manager.get("me").status());
                managers.add(manager);
            }
        }

        /** The staff on site a report states: distinct per firm and day, so a stored report is recognised. */
        int staff(int firm, int day) {
            return 1 + (seed * 31 + firm * REPORT_DAYS + day) % 400;
        }

        String key(int firm, int day) {
            return firms.get(firm) + "/" + today().minusDays(day);
        }

        ObjectNode body(int firm, int day) {
            int s = staff(firm, day);
            return Api.obj().put("reportDate", today().minusDays(day).toString()).put("staffOnSite", s).put("temperatureChecks", s)
                    .put("testsDone", 0).put("productionStatus", "NORMAL").put("capacityPct", 80);
        }

        void start() {
            List<int[]> work = new ArrayList<>();
            for (int copy = 0; copy < 2; copy++) {
                for (int d = 0; d < REPORT_DAYS; d++) {
                    for (int f = 0; f < firms.size(); f++) {
                        work.add(new int[]{f, d});
                    }
                }
            }
            java.util.Collections.shuffle(work, new java.util.Random(seed));
            for (int[] w : work) {
                pool.submit(() -> {
                    // Paced over a few seconds, so the kill lands in the middle of the burst.
                    sleep(ThreadLocalRandom.current().nextInt(400));
                    if (frozen) {
                        return;
                    }
                    inFlight.incrementAndGet();
                    try {
                        Api.Res r = managers.get(w[0]).post("firms/" + firms.get(w[0]) + "/reports", body(w[0], w[1]));
                        sent.incrementAndGet();
                        if (r.status() == 201 || r.status() == 200) {
                            acknowledged.put(key(w[0], w[1]), staff(w[0], w[1]));
                        } else {
                            refused.add(r.status() + " " + r.raw());
                        }
                    } catch (RuntimeException killed) {
                        // no answer: the server died under this request
                    } finally {
                        inFlight.decrementAndGet();
                    }
                });
            }
        }

        /** Just before the kill: nothing new is sent; what is in flight stays in flight and is cut by the kill. */
        void freeze() {
            frozen = true;
            inFlightAtKill = inFlight.get();
        }

        void stop() {
            pool.shutdown();
        }

        /** After the restart: every acknowledged report is there once with its facts; then the rest are filed again. */
        String verifyAfterRestart() throws Exception {
            assertTrue(pool.awaitTermination(60, TimeUnit.SECONDS), "report clients finished");
            assertEquals(List.of(), refused, "valid reports answered otherwise than 200/201 before the kill");
            Map<String, Integer> stored = new java.util.HashMap<>();
            try (Connection c = db.dataSource().getConnection(); PreparedStatement s = c.prepareStatement(
                    "select firm_id, report_date, staff_on_site, count(*) over (partition by firm_id, report_date)"
                            + " from daily_report where firm_id = any (?)")) {
                s.setArray(1, c.createArrayOf("bigint", firms.toArray()));
                ResultSet rs = s.executeQuery();
                while (rs.next()) {
                    assertEquals(1, rs.getLong(4), "one report per firm and day");
                    stored.put(rs.getLong(1) + "/" + rs.getDate(2).toLocalDate(), rs.getInt(3));
                }
            }
            long audited = count("select count(*) from audit_entry where object_type = 'DailyReport' and action = 'FILE' and firm_id = any (?)",
                    (Object) firms.toArray(new Long[0]));
            assertEquals(stored.size(), audited, "every stored report has its audit entry, and only those");
            for (var e : acknowledged.entrySet()) {
                assertEquals(e.getValue(), stored.get(e.getKey()), "acknowledged report " + e.getKey() + " is present with its facts");
            }
            // The client retries what it was never told about: already there (200) or filed now (201).
            int total = firms.size() * REPORT_DAYS;
            int committedUnacknowledged = 0;
            for (int f = 0; f < firms.size(); f++) {
                for (int d = 0; d < REPORT_DAYS; d++) {
                    if (acknowledged.containsKey(key(f, d))) {
                        continue;
                    }
                    Api.Res r = managers.get(f).post("firms/" + firms.get(f) + "/reports", body(f, d));
                    assertTrue(r.status() == 200 || r.status() == 201, r.raw());
                    if (r.status() == 200) {
                        committedUnacknowledged++;
                    }
                }
            }
            assertEquals(total, count("select count(*) from daily_report where firm_id = any (?)", (Object) firms.toArray(new Long[0])));
            return "reports: " + total + " (each sent twice), " + sent.get() + " answers before the kill, " + acknowledged.size()
                    + " acknowledged and all present, " + inFlightAtKill + " requests in flight at the kill, " + committedUnacknowledged
                    + " committed but never answered (200 on retry), 0 duplicates";
        }
    }

    // ---- helpers ----

    static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** A call whose connection may be cut by the kill: null when there was no answer. */
    static Supplier<Api.Res> acked(Supplier<Api.Res> call) {
        return () -> {
            try {
                return call.get();
            } catch (RuntimeException killed) {
                return null;
            }
        };
    }

    /**
     * Waits until {@code probe} counts a running transaction (polling pg_stat_activity); fails if the
     * operation ends first. Returns that transaction's backend and start, to tell later whether it was
     * still open at the kill.
     */
    static long[] awaitRunning(String probe, CompletableFuture<?> operation) throws Exception {
        Instant until = Instant.now().plusSeconds(120);
        try (Connection c = db.dataSource().getConnection(); PreparedStatement s = c.prepareStatement(probe)) {
            while (!running(s)) {
                if (operation.isDone() || Instant.now().isAfter(until)) {
                    fail("the operation was never seen running: " + (operation.isDone() ? operation.join() : "timeout"));
                }
                Thread.sleep(5);
            }
            return transaction(c, probe);
        }
    }

    /**
     * Waits a random moment up to {@code jitterMs} (so kills land at different points), then kills the
     * server (SIGKILL) while the reports are being filed. For each given transaction: whether it was
     * still open just before the kill.
     */
    static boolean[] kill(int jitterMs, Reports reports, long[]... transactions) throws Exception {
        Thread.sleep(ThreadLocalRandom.current().nextInt(jitterMs + 1));
        boolean[] open = new boolean[transactions.length];
        try (Connection c = db.dataSource().getConnection()) {
            for (int i = 0; i < transactions.length; i++) {
                open[i] = stillOpen(c, transactions[i]);
            }
        }
        reports.freeze();
        portal.server.kill();
        reports.stop();
        return open;
    }

    /** The backend and transaction start of the first transaction the probe sees. */
    private static long[] transaction(Connection c, String probe) throws SQLException {
        String q = probe.replace("select count(*) from pg_stat_activity where",
                "select pid, (extract(epoch from xact_start) * 1000000)::bigint from pg_stat_activity where");
        try (PreparedStatement s = c.prepareStatement(q); ResultSet rs = s.executeQuery()) {
            return rs.next() ? new long[]{rs.getLong(1), rs.getLong(2)} : new long[]{-1, -1};
        }
    }

    private static boolean stillOpen(Connection c, long[] tx) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("select count(*) from pg_stat_activity where pid = ? and backend_xid is not null"
                + " and (extract(epoch from xact_start) * 1000000)::bigint = ?")) {
            s.setLong(1, tx[0]);
            s.setLong(2, tx[1]);
            return running(s);
        }
    }

    private static boolean running(PreparedStatement s) throws SQLException {
        try (ResultSet rs = s.executeQuery()) {
            rs.next();
            return rs.getLong(1) > 0;
        }
    }

    static long count(String query, Object... args) throws SQLException {
        try (Connection c = db.dataSource().getConnection(); PreparedStatement s = c.prepareStatement(query)) {
            bind(c, s, args);
            ResultSet rs = s.executeQuery();
            rs.next();
            return rs.getLong(1);
        }
    }

    static String text(String query, Object... args) throws SQLException {
        try (Connection c = db.dataSource().getConnection(); PreparedStatement s = c.prepareStatement(query)) {
            bind(c, s, args);
            ResultSet rs = s.executeQuery();
            return rs.next() ? rs.getString(1) : null;
        }
    }

    static List<Long> longs(String query, Object... args) throws SQLException {
        try (Connection c = db.dataSource().getConnection(); PreparedStatement s = c.prepareStatement(query)) {
            bind(c, s, args);
            ResultSet rs = s.executeQuery();
            List<Long> out = new ArrayList<>();
            while (rs.next()) {
                out.add(rs.getLong(1));
            }
            return out;
        }
    }

    private static void bind(Connection c, PreparedStatement s, Object... args) throws SQLException {
        for (int i = 0; i < args.length; i++) {
            if (args[i] instanceof Long[] array) {
                s.setArray(i + 1, c.createArrayOf("bigint", array));
            } else {
                s.setObject(i + 1, args[i]);
            }
        }
    }
}
