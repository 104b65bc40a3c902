package cn.loopgate.it;

import com.fasterxml.jackson.databind.JsonNode;
import jakarta.ws.rs.ApplicationPath;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HEAD;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.lang.reflect.Method;
import java.nio.file.Files;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.zip.ZipFile;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * Every REST endpoint × every role × own tenant / other tenant, against the expected status in ONE
 * table ({@link #MATRIX}). Endpoints are discovered from the JAX-RS classes in the built WAR: an
 * endpoint without a row fails the test, and so does a row for an endpoint that no longer exists.
 * The table is rendered into docs/security.md between the matrix markers.
 * <p>
 * Writes are sent with an empty JSON object: a caller who passes the access checks gets 400 from
 * validation (so "400" in the table means "allowed"), and nothing changes. The callers: a firm
 * manager of firm A, a liaison officer of A's park, the demo analyst, guard and admin; "own" is firm
 * A (its park, district, manager, worker), "other" is firm B in another district.
 */
class AccessMatrixIT {

    static final String[] ROLES = {"firm-manager", "liaison-officer", "bureau-analyst", "gate-guard", "admin"};

    // manager, liaison, analyst, guard, admin: "own/other" or one status for both.
    static final List<Row> MATRIX = List.of(
            row("GET /api/v1/me",                                  "200",     "200",     "200",     "200",     "200"),
            row("GET /api/v1/users",                               "403",     "403",     "403",     "403",     "200"),
            row("POST /api/v1/users",                              "403",     "403",     "403",     "403",     "400"),
            row("GET /api/v1/users/{id}",                          "403",     "403",     "403",     "403",     "200"),
            row("PUT /api/v1/users/{id}",                          "403",     "403",     "403",     "403",     "400"),
            row("GET /api/v1/districts",                           "200",     "200",     "200",     "403",     "200"),
            row("POST /api/v1/districts",                          "403",     "403",     "403",     "403",     "400"),
            row("GET /api/v1/districts/{id}",                      "200",     "200",     "200",     "403",     "200"),
            row("PUT /api/v1/districts/{id}",                      "403",     "403",     "403",     "403",     "400"),
            row("GET /api/v1/parks",                               "200",     "200",     "200",     "403",     "200"),
            row("POST /api/v1/parks",                              "403",     "403",     "403",     "403",     "400"),
            row("GET /api/v1/parks/{id}",                          "200",     "200",     "200",     "403",     "200"),
            row("PUT /api/v1/parks/{id}",                          "403",     "403",     "403",     "403",     "400"),
            row("GET /api/v1/firms",                               "200",     "200",     "200",     "200",     "200"),
            row("POST /api/v1/firms",                              "403",     "403",     "403",     "403",     "400"),
            row("GET /api/v1/firms/{id}",                          "200/404", "200/404", "200",     "404",     "200"),
            row("PUT /api/v1/firms/{id}",                          "400/404", "403/404", "403",     "404",     "400"),
            row("GET /api/v1/firms/{firmId}/workers",              "200/404", "200/404", "403",     "404",     "403"),
            row("POST /api/v1/firms/{firmId}/workers",             "400/404", "403/404", "403",     "404",     "403"),
            row("GET /api/v1/firms/{firmId}/workers/{id}",         "200/404", "200/404", "403",     "404",     "403"),
            row("PUT /api/v1/firms/{firmId}/workers/{id}",         "400/404", "403/404", "403",     "404",     "403"),
            row("POST /api/v1/firms/{firmId}/workers/{id}/leave",  "200/404", "403/404", "403",     "404",     "403"),
            row("GET /api/v1/audit",                               "403",     "403",     "200",     "403",     "200"),
            row("GET /api/v1/audit/{type}/{id}",                   "200",     "200",     "200",     "200",     "200"),
            row("GET /api/v1/notifications",                       "200",     "200",     "200",     "200",     "200"),
            row("POST /api/v1/notifications/{id}/read",            "404",     "404",     "404",     "404",     "404"),
            row("POST /api/v1/notifications/read-all",             "204",     "204",     "204",     "204",     "204"),
            row("GET /api/v1/test/clock",                          "403",     "403",     "403",     "403",     "200"),
            row("PUT /api/v1/test/clock",                          "403",     "403",     "403",     "403",     "400"),
            row("DELETE /api/v1/test/clock",                       "403",     "403",     "403",     "403",     "200"));

    /**
     * Which object a path variable names, by the path segment before it: "own" (A) and "other" (B).
     * A new resource whose variable follows a new segment needs one line here.
     */
    static Map<String, Function<Tenant, Object>> samples(Fixture f) {
        Map<String, Function<Tenant, Object>> s = new HashMap<>();
        s.put("firms/{id}", t -> t == Tenant.OWN ? f.firmA : f.firmB);
        s.put("firms/{firmId}", t -> t == Tenant.OWN ? f.firmA : f.firmB);
        s.put("workers/{id}", t -> t == Tenant.OWN ? f.workerA : f.workerB);
        s.put("parks/{id}", t -> t == Tenant.OWN ? f.parkA : f.parkB);
        s.put("districts/{id}", t -> t == Tenant.OWN ? f.districtA : f.districtB);
        s.put("users/{id}", t -> t == Tenant.OWN ? f.managerAId : f.managerBId);
        s.put("audit/{type}", t -> "Firm");
        s.put("{type}/{id}", t -> t == Tenant.OWN ? f.firmA : f.firmB);
        // Notifications belong to their recipient; none of these callers has one: nobody may read another's.
        s.put("notifications/{id}", t -> 1L);
        return s;
    }

    enum Tenant { OWN, OTHER }

    record Row(String endpoint, String[] cells) {
        String expected(int role, Tenant t) {
            String[] both = cells[role].split("/");
            return both.length == 1 ? both[0] : both[t == Tenant.OWN ? 0 : 1];
        }
    }

    static Row row(String endpoint, String... cells) {
        if (cells.length != ROLES.length) {
            throw new IllegalArgumentException(endpoint + ": one cell per role");
        }
        return new Row(endpoint, cells);
    }

    record Fixture(long firmA, long firmB, long workerA, long workerB, long parkA, long parkB, long districtA, long districtB,
                   long managerAId, long managerBId, Api[] callers) {
    }

    static Portal portal;
    static Fixture fixture;

    @BeforeAll
    static void setUp() {
        portal = Portal.get();
        Api admin = portal.api("admin");
        long parkA = TestData.parkId(admin, "CD-ETZ");
        long parkB = TestData.parkId(admin, "BJ-IND");
        long firmA = TestData.newFirm(admin, "CD-ETZ", true, 300);
        long firmB = TestData.newFirm(admin, "BJ-IND", true, 300);
        String managerA = TestData.newUser(admin, "FIRM_MANAGER", firmA);
        String managerB = TestData.newUser(admin, "FIRM_MANAGER", firmB);
        String liaison = TestData.newUser(admin, "LIAISON", null, parkA);
        long workerA = newWorker(portal.api(managerA), firmA);
        long workerB = newWorker(portal.api(managerB), firmB);
        Map<String, Long> users = new HashMap<>();
        admin.get("users").json().forEach(u -> users.put(u.get("username").asText(), u.get("id").asLong()));
        fixture = new Fixture(firmA, firmB, workerA, workerB, parkA, parkB,
                admin.get("parks/" + parkA).json().get("districtId").asLong(), admin.get("parks/" + parkB).json().get("districtId").asLong(),
                users.get(managerA), users.get(managerB),
                new Api[]{portal.api(managerA), portal.api(liaison), portal.api("analyst"), portal.api("guard"), admin});
    }

    static long newWorker(Api manager, long firm) {
        Api.Res r = manager.post("firms/" + firm + "/workers", Api.obj().put("name", TestData.FAKES.personName())
                .put("residentId", TestData.FAKES.residentId("320583")).put("phone", TestData.FAKES.mobile())
                .put("job", "操作工").put("joinedOn", "2020-01-02"));
        assertEquals(201, r.status(), r.raw());
        return r.json().get("id").asLong();
    }

    @Test
    void everyEndpointHasARowAndEveryCellHasTheExpectedStatus() throws Exception {
        TreeSet<String> discovered = discoverEndpoints();
        TreeSet<String> inTable = new TreeSet<>();
        MATRIX.forEach(r -> inTable.add(r.endpoint()));
        TreeSet<String> missing = new TreeSet<>(discovered);
        missing.removeAll(inTable);
        TreeSet<String> stale = new TreeSet<>(inTable);
        stale.removeAll(discovered);

        String auditBefore = auditTrail();
        Map<String, Function<Tenant, Object>> samples = samples(fixture);
        List<String> unexpected = new ArrayList<>();
        for (Row row : MATRIX) {
            if (stale.contains(row.endpoint())) {
                continue;
            }
            for (int role = 0; role < ROLES.length; role++) {
                for (Tenant t : Tenant.values()) {
                    String path = concrete(row.endpoint(), samples, t);
                    int status = call(fixture.callers()[role], row.endpoint().split(" ")[0], path);
                    String expected = row.expected(role, t);
                    if (!expected.equals(String.valueOf(status))) {
                        unexpected.add(row.endpoint() + " as " + ROLES[role] + " (" + t + " " + path + "): expected "
                                + expected + ", got " + status);
                    }
                }
            }
        }
        writeDocs();
        if (!missing.isEmpty() || !stale.isEmpty() || !unexpected.isEmpty()) {
            fail("Endpoints without a row in AccessMatrixIT.MATRIX: " + missing + "\nRows for endpoints that do not exist: " + stale
                    + "\nUnexpected cells (" + unexpected.size() + "):\n  " + String.join("\n  ", unexpected));
        }
        // Calling every endpoint as every role changed no earlier audit entry.
        String auditAfter = auditTrail();
        assertTrue(auditAfter.startsWith(auditBefore), "the audit trail was altered through an endpoint");
    }

    /** "METHOD /api/v1/path" for every resource method of every @Path class in the WAR. */
    static TreeSet<String> discoverEndpoints() throws Exception {
        TreeSet<String> endpoints = new TreeSet<>();
        String base = "";
        List<Class<?>> resources = new ArrayList<>();
        try (ZipFile war = new ZipFile(System.getProperty("loopgate.war", "target/loopgate.war"))) {
            for (var e : java.util.Collections.list(war.entries())) {
                String name = e.getName();
                if (!name.startsWith("WEB-INF/classes/") || !name.endsWith(".class")) {
                    continue;
                }
                String className = name.substring("WEB-INF/classes/".length(), name.length() - 6).replace('/', '.');
                Class<?> c = Class.forName(className, false, AccessMatrixIT.class.getClassLoader());
                if (c.isAnnotationPresent(ApplicationPath.class)) {
                    base = c.getAnnotation(ApplicationPath.class).value();
                }
                if (c.isAnnotationPresent(Path.class)) {
                    resources.add(c);
                }
            }
        }
        assertTrue(resources.size() >= 5, "JAX-RS resources found in the WAR: " + resources);
        for (Class<?> c : resources) {
            for (Method m : c.getMethods()) {
                String verb = m.isAnnotationPresent(GET.class) ? "GET" : m.isAnnotationPresent(POST.class) ? "POST"
                        : m.isAnnotationPresent(PUT.class) ? "PUT" : m.isAnnotationPresent(DELETE.class) ? "DELETE"
                        : m.isAnnotationPresent(PATCH.class) ? "PATCH" : m.isAnnotationPresent(HEAD.class) ? "HEAD" : null;
                if (verb == null) {
                    continue;
                }
                String path = join(base, c.getAnnotation(Path.class).value(),
                        m.isAnnotationPresent(Path.class) ? m.getAnnotation(Path.class).value() : "");
                endpoints.add(verb + " " + path);
            }
        }
        return endpoints;
    }

    static String join(String... parts) {
        StringBuilder sb = new StringBuilder();
        for (String p : parts) {
            for (String seg : p.split("/")) {
                if (!seg.isBlank()) {
                    // {id: \d+} -> {id}
                    sb.append('/').append(seg.replaceAll("\\{\\s*([^:}\\s]+)\\s*:[^}]*}", "{$1}"));
                }
            }
        }
        return sb.toString();
    }

    static String concrete(String endpoint, Map<String, Function<Tenant, Object>> samples, Tenant t) {
        String[] segs = endpoint.split(" ")[1].split("/");
        StringBuilder sb = new StringBuilder();
        for (int i = 1; i < segs.length; i++) {
            String seg = segs[i];
            if (seg.startsWith("{")) {
                Function<Tenant, Object> sample = samples.get(segs[i - 1] + "/" + seg);
                if (sample == null) {
                    fail("No sample object for " + segs[i - 1] + "/" + seg + " in " + endpoint + ": add one to AccessMatrixIT.samples");
                }
                seg = String.valueOf(sample.apply(t));
            }
            sb.append('/').append(seg);
        }
        return sb.toString();
    }

    static int call(Api api, String verb, String path) {
        return switch (verb) {
            case "GET" -> api.get(path).status();
            case "POST" -> api.post(path, Api.obj()).status();
            case "PUT" -> api.put(path, Api.obj()).status();
            case "DELETE" -> api.delete(path).status();
            default -> throw new IllegalArgumentException(verb);
        };
    }

    /** Every audit entry so far, in order, as text: what must never change. */
    static String auditTrail() throws Exception {
        StringBuilder sb = new StringBuilder();
        try (Connection c = portal.db.dataSource().getConnection(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("select * from audit_entry order by id")) {
            int n = rs.getMetaData().getColumnCount();
            while (rs.next()) {
                for (int i = 1; i <= n; i++) {
                    sb.append(rs.getString(i)).append('\u001f');
                }
                sb.append('\n');
            }
        }
        return sb.toString();
    }

    static final String START = "<!-- access-matrix:start (generated by AccessMatrixIT; edit the test, not this table) -->";
    static final String END = "<!-- access-matrix:end -->";

    /** The table as markdown. */
    static String markdown() {
        StringBuilder sb = new StringBuilder();
        sb.append("| endpoint | firm manager | liaison officer | bureau analyst | gate guard | admin |\n");
        sb.append("|---|---|---|---|---|---|\n");
        for (Row r : MATRIX) {
            sb.append("| `").append(r.endpoint()).append("` |");
            for (String cell : r.cells()) {
                sb.append(' ').append(cell).append(" |");
            }
            sb.append('\n');
        }
        return sb.toString();
    }

    /** Rewrites the generated section of docs/security.md (a no-op when it is current). */
    static void writeDocs() throws Exception {
        java.nio.file.Path doc = java.nio.file.Path.of(System.getProperty("loopgate.docs", "docs"), "security.md");
        if (!Files.isRegularFile(doc)) {
            return;
        }
        String text = Files.readString(doc);
        int a = text.indexOf(START);
        int b = text.indexOf(END);
        if (a < 0 || b < a) {
            fail("docs/security.md lacks the access-matrix markers");
        }
        String updated = text.substring(0, a + START.length()) + "\n" + markdown() + text.substring(b);
        if (!updated.equals(text)) {
            Files.writeString(doc, updated);
            System.out.println("AccessMatrixIT: docs/security.md updated; commit it.");
        }
    }
}
