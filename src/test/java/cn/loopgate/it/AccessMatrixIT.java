package cn.loopgate.it;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import jakarta.ws.rs.ApplicationPath;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HEAD;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.lang.reflect.Method;
import java.nio.file.Files;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.ZipFile;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * Every REST endpoint × every role × own tenant / other tenant, against the expected status in ONE
 * table ({@link #MATRIX}). Endpoints are discovered from the JAX-RS classes in the built WAR: an
 * endpoint without a row fails the test, and so does a row for an endpoint that no longer exists.
 * The table is rendered to {@code target/it/access-matrix.md} and must equal the section of
 * docs/security.md between the matrix markers: a drifted document fails the test. Run it with
 * {@code -Dloopgate.updateDocs=true} to rewrite that section from the table (then commit it).
 * <p>
 * Writes are sent with an empty JSON object (or, for an application that names its firm in the body, with
 * just that firm: {@code Row.body}): a caller who passes the access checks gets 400 from
 * validation (so "400" in the table means "allowed"), or 409 when the sample object's state refuses
 * the action before its body is read; nothing changes. The few writes that need no body and succeed
 * (200/204) are harmless by choice of sample or by order (see the comments at their rows). The
 * callers: a firm manager of firm A, a liaison officer of A's park only, the demo analyst, guard and
 * admin, and a firm-bound liaison officer (no parks) to whom firm A alone is assigned; "own" is firm A (its park, district, manager, worker, plan, report, permit, problem, roster import,
 * card batch, card, vehicle pass),
 * "other" is firm B in park BJ-IND of another district. Park A is made for this test, so the
 * liaison's board and reminder see firm A alone.
 * <p>
 * The whole test runs at 09:00 of today in Shanghai (the clock is moved in {@link #setUp} and reset
 * in {@link #tearDown}), so "today" cannot change between the fixture's filings and the cells that
 * read them. The rows of {@code /test/clock} stay last: their DELETE resets the clock.
 */
class AccessMatrixIT {

    static final String[] ROLES = {"firm-manager", "liaison-officer", "bureau-analyst", "gate-guard", "admin", "firm-bound-liaison"};

    // manager, liaison, analyst, guard, admin: "own/other" or one status for both. The sixth caller, a firm-bound
    // liaison officer (issue 18: no parks, firm A assigned), answers like the park-wide one unless the row says
    // otherwise with .bound(...): park-level things (gates, park policies and figures, firm import, assignments).
    static final List<Row> MATRIX = List.of(
            row("GET /api/v1/me",                                  "200",     "200",     "200",     "200",     "200"),
            row("GET /api/v1/users",                               "403",     "403",     "403",     "403",     "200"),
            row("POST /api/v1/users",                              "403",     "403",     "403",     "403",     "400"),
            row("GET /api/v1/users/{id}",                          "403",     "403",     "403",     "403",     "200"),
            row("PUT /api/v1/users/{id}",                          "403",     "403",     "403",     "403",     "400"),
            // Liaison per firm (issue 18.5). Writes name an account that is no liaison officer (-1): 400 means allowed.
            // A park-wide liaison officer reads another officer's firms within their own parks (none of a manager's).
            row("GET /api/v1/users/{id}/firms",                    "403",     "200",     "403",     "403",     "200").bound("403"),
            row("GET /api/v1/firms/{id}/liaison",                  "200/404", "200/404", "200",     "404",     "200"),
            row("PUT /api/v1/firms/{id}/liaison",                  "403",     "400/404", "403",     "403",     "400").bound("403")
                    .body("{\"liaisonUserId\": -1}"),
            row("POST /api/v1/liaison-assignments",                "403",     "400/404", "403",     "403",     "400").bound("403")
                    .body("{\"firmIds\": [{firmId}], \"liaisonUserId\": -1}"),
            row("GET /api/v1/liaison-assignments/liaisons",        "403",     "200",     "403",     "403",     "200").bound("403"),
            // Manager accounts (issue 18). {userId} is a spare manager of firm A / B, not a caller: resetting and
            // disabling it (the admin's and the liaison's cells) changes nobody who signs in here; enable comes after.
            row("GET /api/v1/firms/{firmId}/managers",             "403/404", "200/404", "403",     "404",     "200"),
            row("POST /api/v1/firms/{firmId}/managers",            "403/404", "400/404", "403",     "404",     "400"),
            row("POST /api/v1/accounts/{userId}/reset",            "403",     "200/404", "403",     "403",     "200"),
            row("POST /api/v1/accounts/{userId}/disable",          "403",     "200/404", "403",     "403",     "200"),
            row("POST /api/v1/accounts/{userId}/enable",           "403",     "200/404", "403",     "403",     "200"),
            // Remembered devices (issue 22): each caller's own; Basic callers have none, so "revoke all" forgets nothing
            // and the id is one nobody holds.
            row("GET /api/v1/me/devices",                          "200",     "200",     "200",     "200",     "200"),
            row("DELETE /api/v1/me/devices",                       "204",     "204",     "204",     "204",     "204"),
            row("DELETE /api/v1/me/devices/{id}",                  "404",     "404",     "404",     "404",     "404"),
            // Without the current password nothing changes; nobody's failed-login count moves either.
            row("PUT /api/v1/me/password",                         "400",     "400",     "400",     "400",     "400"),
            row("GET /api/v1/districts",                           "200",     "200",     "200",     "403",     "200"),
            row("POST /api/v1/districts",                          "403",     "403",     "403",     "403",     "400"),
            row("GET /api/v1/districts/{id}",                      "200",     "200",     "200",     "403",     "200"),
            row("PUT /api/v1/districts/{id}",                      "403",     "403",     "403",     "403",     "400"),
            row("GET /api/v1/parks",                               "200",     "200",     "200",     "403",     "200"),
            row("POST /api/v1/parks",                              "403",     "403",     "403",     "403",     "400"),
            row("GET /api/v1/parks/{id}",                          "200",     "200",     "200",     "403",     "200"),
            row("PUT /api/v1/parks/{id}",                          "403",     "403",     "403",     "403",     "400"),
            // Harmless: neither sample park's closed loop has ended, so the admin's run anonymises nothing.
            row("POST /api/v1/parks/{id}/retention",               "403",     "403",     "403",     "403",     "200"),
            // Sealed resident IDs (issue 19 item 16): counts per key, and the rotation (nothing under an old key here).
            row("GET /api/v1/personal-data/keys",                  "403",     "403",     "403",     "403",     "200"),
            row("POST /api/v1/personal-data/keys/rotation",        "403",     "403",     "403",     "403",     "200"),
            row("GET /api/v1/firms",                               "200",     "200",     "200",     "200",     "200"),
            row("POST /api/v1/firms",                              "403",     "403",     "403",     "403",     "400"),
            row("GET /api/v1/firms/{id}",                          "200/404", "200/404", "200",     "404",     "200"),
            row("PUT /api/v1/firms/{id}",                          "400/404", "403/404", "403",     "404",     "400"),
            row("GET /api/v1/firms/{firmId}/workers",              "200/404", "200/404", "403",     "404",     "403"),
            row("POST /api/v1/firms/{firmId}/workers",             "400/404", "403/404", "403",     "404",     "403"),
            row("GET /api/v1/firms/{firmId}/workers/{id}",         "200/404", "200/404", "403",     "404",     "403"),
            row("PUT /api/v1/firms/{firmId}/workers/{id}",         "400/404", "403/404", "403",     "404",     "403"),
            row("POST /api/v1/firms/{firmId}/workers/{id}/leave",  "200/404", "403/404", "403",     "404",     "403"),
            // Plans (issue 4). Plan A and plan B are APPROVED (that is how the permits below were issued),
            // so return/approve/reject and refiling answer 409 to whoever passes the access checks.
            row("POST /api/v1/firms/{firmId}/plans/commitments",   "400/404", "403/404", "403",     "404",     "403"),
            row("GET /api/v1/firms/{firmId}/plans",                "200/404", "200/404", "200",     "404",     "200"),
            row("POST /api/v1/firms/{firmId}/plans",               "400/404", "403/404", "403",     "404",     "403"),
            row("GET /api/v1/plans/queue",                         "403",     "200",     "403",     "403",     "403"),
            row("GET /api/v1/plans/{id}",                          "200/404", "200/404", "200",     "404",     "200"),
            row("PUT /api/v1/plans/{id}",                          "409/404", "403/404", "403",     "404",     "403"),
            row("POST /api/v1/plans/{id}/return",                  "403/404", "409/404", "403",     "404",     "403"),
            row("POST /api/v1/plans/{id}/approve",                 "403/404", "409/404", "403",     "404",     "403"),
            row("POST /api/v1/plans/{id}/reject",                  "403/404", "409/404", "403",     "404",     "403"),
            row("POST /api/v1/plans/{id}/conditions",              "403/404", "400/404", "403",     "404",     "403"),
            row("GET /api/v1/plans/{id}/versions/{number}/commitment", "200/404", "200/404", "200", "404",     "200"),
            // Daily reports (issue 4). Firms A and B filed today's zero-report in setUp: filing the same zero-report
            // again answers 200 and changes nothing; "today" is found for both.
            row("GET /api/v1/firms/{firmId}/reports",              "200/404", "200/404", "200",     "404",     "200"),
            row("POST /api/v1/firms/{firmId}/reports",             "400/404", "403/404", "403",     "404",     "403"),
            row("GET /api/v1/firms/{firmId}/reports/today",        "200/404", "200/404", "200",     "404",     "200"),
            row("POST /api/v1/firms/{firmId}/reports/zero",        "200/404", "403/404", "403",     "404",     "403"),
            // 代报 (issue 23.7): the firm's park's liaison officer only; {} lacks the reason: 400.
            row("POST /api/v1/firms/{firmId}/reports/on-behalf",   "403/404", "400/404", "403",     "404",     "403"),
            row("GET /api/v1/reports/{id}",                        "200/404", "200/404", "200",     "404",     "200"),
            // Without a body the liaison opens report A for corrections for 24 hours (the default); no other cell
            // depends on that window (the repeated zero-report above is identical, so it is no correction).
            row("POST /api/v1/reports/{id}/reopen",                "403/404", "200/404", "403",     "404",     "403"),
            row("GET /api/v1/board",                               "403",     "200",     "200",     "403",     "200"),
            // Park A holds firm A alone, which has reported today: the reminder reaches nobody and changes nothing.
            row("POST /api/v1/board/remind",                       "403",     "200/404", "403",     "403",     "403")
                    .query("parkId={parkId}"),
            // Permits and the gate (issue 6). Permit A / B: the resumption certificates of the approved plans.
            // Printing (and the QR text) is for the firm's manager and its park's liaison only.
            row("GET /api/v1/permits/{id}",                        "200/404", "200/404", "403",     "404",     "403"),
            row("GET /api/v1/permits/{id}/pdf",                    "200/404", "200/404", "403",     "404",     "403"),
            row("GET /api/v1/permits/pdf",                         "200/404", "200/404", "403",     "404",     "403")
                    .query("firmId={firmId}&type=CERTIFICATE"),
            row("POST /api/v1/permits/{id}/revoke",                "403/404", "400/404", "403",     "404",     "403"),
            // Needs no body: the admin makes a new active key twice. Harmless: retired keys stay published, so
            // every permit printed before still verifies (PermitsIT.aPermitSignedByARotatedOutKeyStillVerifies).
            row("POST /api/v1/permits/signing-keys/rotate",        "403",     "403",     "403",     "403",     "200"),
            row("POST /api/v1/gate/verify",                        "403",     "403",     "403",     "400",     "403"),
            // Issue 17.7: a guard's phone uploads the scans it verified offline; an empty upload is refused (400).
            row("POST /api/v1/gate/offline-scans",                 "403",     "403",     "403",     "400",     "403"),
            // Issue 19: gates of parks (administrators and the park's liaison manage them; a guard lists their own),
            // a park's gate policy, and the scan log (liaison officers: their parks; analysts: all). Writes with an
            // empty body are refused by validation (400) once the access checks pass; another park's is 403 (parks
            // are visible to every liaison).
            row("GET /api/v1/gates",                               "403",     "200",     "200",     "200",     "200"),
            row("POST /api/v1/gates",                              "403",     "400",     "403",     "403",     "400"),
            row("GET /api/v1/gates/{id}",                          "403",     "200/404", "200",     "404",     "200").bound("404"),
            row("PUT /api/v1/gates/{id}",                          "403",     "400/403", "403",     "403",     "400").bound("403"),
            row("PUT /api/v1/parks/{id}/gate-policy",              "403",     "400/403", "403",     "403",     "400").bound("403"),
            row("GET /api/v1/gate-scans",                          "403",     "200",     "200",     "403",     "403"),
            // Issue 20: tests (the firm's manager; the park's liaison records positives; analysts read, names masked),
            // the park's health policy (administrators and the park's liaison), incidents and holds (worked by the park's
            // liaison). Incident A is acknowledged in setUp, so acknowledging it again is 409 and changes nothing.
            row("GET /api/v1/firms/{firmId}/health-tests",         "200/404", "200/404", "200",     "404",     "403"),
            row("POST /api/v1/firms/{firmId}/health-tests",        "400/404", "400/404", "403",     "404",     "403"),
            row("PUT /api/v1/firms/{firmId}/health-tests/{id}",    "400/404", "400/404", "403",     "404",     "403"),
            row("GET /api/v1/firms/{firmId}/health-holds",         "200/404", "200/404", "200",     "404",     "403"),
            row("GET /api/v1/parks/{parkId}/health-policy",        "200",     "200",     "200",     "403",     "200"),
            row("PUT /api/v1/parks/{parkId}/health-policy",        "403",     "400/403", "403",     "403",     "400").bound("403"),
            row("GET /api/v1/parks/{parkId}/health-policy/history", "200",    "200",     "200",     "403",     "200"),
            row("GET /api/v1/parks/{parkId}/health-figures",       "403",     "200/403", "200",     "403",     "200").bound("403"),
            row("GET /api/v1/health-figures",                      "403",     "200",     "200",     "403",     "200"),
            row("GET /api/v1/health-incidents",                    "200",     "200",     "200",     "403",     "403"),
            row("GET /api/v1/health-incidents/{id}",               "200/404", "200/404", "200",     "404",     "403"),
            row("POST /api/v1/health-incidents/{id}/acknowledge",  "403/404", "409/404", "403",     "404",     "403"),
            row("POST /api/v1/health-incidents/{id}/actions",      "400/404", "400/404", "403",     "404",     "403"),
            row("POST /api/v1/health-incidents/{id}/close",        "403/404", "400/404", "403",     "404",     "403"),
            row("POST /api/v1/health-holds/{id}/lift",             "403/404", "400/404", "403",     "404",     "403"),
            // Test results imported from the sampling site's sheet (the firm's manager, the park's liaison). Import A / B:
            // one invalid row, imported with "valid rows only" in setUp (nothing written), so importing again is 409.
            row("GET /api/v1/firms/{firmId}/health-test-imports/template", "200/404", "200/404", "403", "404", "403"),
            row("POST /api/v1/firms/{firmId}/health-test-imports", "400/404", "400/404", "403",     "404",     "403")
                    .query("fileName="),
            row("GET /api/v1/firms/{firmId}/health-test-imports/{id}", "200/404", "200/404", "403", "404",     "403"),
            row("GET /api/v1/firms/{firmId}/health-test-imports/{id}/report", "200/404", "200/404", "403", "404", "403"),
            row("POST /api/v1/firms/{firmId}/health-test-imports/{id}/import", "409/404", "409/404", "403", "404", "403"),
            row("GET /api/v1/public/permits/keys",                 "200",     "200",     "200",     "200",     "200"),
            row("GET /api/v1/public/permits/revocations",          "200",     "200",     "200",     "200",     "200"),
            // First set-up (issue 18): the demo city has administrators, so set-up is closed for everyone.
            row("POST /api/v1/public/setup",                       "409",     "409",     "409",     "409",     "409"),
            // Activation needs a valid one-time token (403 without); a reset request answers 202 whoever asks.
            row("POST /api/v1/public/accounts/activation",         "403",     "403",     "403",     "403",     "403"),
            row("POST /api/v1/public/accounts/password-reset",     "202",     "202",     "202",     "202",     "202"),
            // Problems (issue 8). Problem A is ACKNOWLEDGED (by the liaison in setUp), so acknowledging again and
            // confirming answer 409 and change nothing; problem B is RAISED. Both carry one attachment.
            row("GET /api/v1/problems",                            "200",     "200",     "200",     "403",     "200"),
            row("POST /api/v1/problems",                           "400",     "403",     "403",     "403",     "403"),
            row("GET /api/v1/problems/stats",                      "403",     "200",     "200",     "403",     "200"),
            row("GET /api/v1/problems/{id}",                       "200/404", "200/404", "200",     "404",     "200"),
            row("GET /api/v1/problems/{id}/timeline",              "200/404", "200/404", "200",     "404",     "200"),
            row("GET /api/v1/problems/{id}/attachments/{fileId}",  "200/404", "200/404", "200",     "404",     "200"),
            row("POST /api/v1/problems/{id}/attachments",          "400/404", "400/404", "403",     "404",     "403"),
            row("POST /api/v1/problems/{id}/comments",             "400/404", "400/404", "403",     "404",     "403"),
            row("POST /api/v1/problems/{id}/acknowledge",          "403/404", "409/404", "403",     "404",     "403"),
            row("POST /api/v1/problems/{id}/escalate",             "403/404", "400/404", "403",     "404",     "403"),
            row("POST /api/v1/problems/{id}/assign",               "403/404", "403/404", "400",     "404",     "403"),
            row("POST /api/v1/problems/{id}/resolve",              "403/404", "400/404", "403",     "404",     "403"),
            row("POST /api/v1/problems/{id}/confirm",              "409/404", "403/404", "403",     "404",     "403"),
            row("POST /api/v1/problems/{id}/reopen",               "400/404", "403/404", "403",     "404",     "403"),
            // Dashboard (issue 7): liaison officers (their parks), analysts and administrators. Figures are filtered
            // to the caller's parks (another park's figures are empty, 200); the bulletin names its park, so a park
            // outside the caller's scope is 404.
            row("GET /api/v1/dashboard/figures",                   "403",     "200",     "200",     "403",     "200")
                    .query("parkId={parkId}"),
            row("GET /api/v1/dashboard/parks",                     "403",     "200",     "200",     "403",     "200"),
            row("GET /api/v1/dashboard/trend",                     "403",     "200",     "200",     "403",     "200"),
            row("GET /api/v1/dashboard/firms",                     "403",     "200",     "200",     "403",     "200"),
            row("GET /api/v1/dashboard/firms/{id}/history",        "403",     "200/404", "200",     "403",     "200"),
            row("GET /api/v1/dashboard/bulletin.pdf",              "403",     "200/404", "200",     "403",     "200")
                    .query("parkId={parkId}"),
            row("GET /api/v1/dashboard/export.xlsx",               "403",     "200",     "200",     "403",     "200"),
            // Published bulletins (issue 23.5): analysts and administrators issue ({} lacks the day: 400) and see
            // revisions; liaison officers may read what was published. No bulletin has id 1: 404 where allowed.
            row("POST /api/v1/dashboard/bulletins",                "403",     "403",     "400",     "403",     "400"),
            row("GET /api/v1/dashboard/bulletins",                 "403",     "200",     "200",     "403",     "200"),
            row("GET /api/v1/dashboard/bulletins/{id}/pdf",        "403",     "404",     "404",     "403",     "404"),
            row("GET /api/v1/dashboard/bulletins/{id}/revisions",  "403",     "403",     "404",     "403",     "404"),
            // Cards, passes, roster import (issue 5). Roster import A / B: a dry run of one invalid row, imported with
            // "valid rows only" in setUp (nothing written), so importing again answers 409. The upload is sent without a
            // file name: 400 for the firm's manager, after the access checks. Card batch A / B: approved by the park's
            // liaison (DECIDED: reviewing again is 409), which issued card A / B. Pass A / B: approved (reviewing again is
            // 409). Revocation and reissue need a reason: 400, nothing changes. Applications name the firm in the body.
            row("GET /api/v1/firms/{firmId}/roster-imports/template", "200/404", "403/404", "403",   "404",     "403"),
            row("POST /api/v1/firms/{firmId}/roster-imports",      "400/404", "403/404", "403",     "404",     "403")
                    .query("fileName="),
            row("GET /api/v1/firms/{firmId}/roster-imports/{id}",  "200/404", "403/404", "403",     "404",     "403"),
            row("GET /api/v1/firms/{firmId}/roster-imports/{id}/report", "200/404", "403/404", "403", "404",   "403"),
            row("POST /api/v1/firms/{firmId}/roster-imports/{id}/import", "409/404", "403/404", "403", "404",  "403"),
            // Firm import (issue 18.2). Firm import A was checked by the liaison of park A, B by an administrator: an
            // import is its creator's (and any administrator's). Each holds one invalid row, so importing all rows is
            // 409 and nothing changes. The upload is sent without a file name: 400 for those who may import.
            row("GET /api/v1/firm-imports/template",               "403",     "200",     "403",     "403",     "200").bound("403"),
            row("POST /api/v1/firm-imports",                       "403",     "400",     "403",     "403",     "400").bound("403")
                    .query("fileName="),
            row("GET /api/v1/firm-imports/{id}",                   "403",     "200/404", "403",     "403",     "200").bound("403"),
            row("GET /api/v1/firm-imports/{id}/report",            "403",     "200/404", "403",     "403",     "200").bound("403"),
            row("POST /api/v1/firm-imports/{id}/import",           "403",     "409/404", "403",     "403",     "409").bound("403"),
            // Firm self-registration (issue 18.4). The public endpoint takes multipart only: the matrix's JSON is 415 for
            // anyone. Registrations A (park A) and B were refused in the fixture: deciding again is 409, nothing changes.
            // A firm-bound liaison has no park, so no registration is theirs to read or decide (404, an empty queue).
            row("POST /api/v1/public/firm-registrations",          "415",     "415",     "415",     "415",     "415"),
            row("GET /api/v1/firm-registrations",                  "403",     "200",     "403",     "403",     "200"),
            row("GET /api/v1/firm-registrations/{id}",             "403",     "200/404", "403",     "403",     "200").bound("404"),
            row("GET /api/v1/firm-registrations/{id}/licence",     "403",     "200/404", "403",     "403",     "200").bound("404"),
            row("POST /api/v1/firm-registrations/{id}/confirm",    "403",     "409/404", "403",     "403",     "409").bound("404"),
            row("POST /api/v1/firm-registrations/{id}/refuse",     "403",     "409/404", "403",     "403",     "409").bound("404"),
            row("POST /api/v1/card-batches",                       "400/404", "403/404", "403",     "404",     "403")
                    .body("{\"firmId\": {firmId}}"),
            row("GET /api/v1/card-batches",                        "200",     "200",     "200",     "200",     "200"),
            row("GET /api/v1/card-batches/{id}",                   "200/404", "200/404", "403",     "404",     "403"),
            row("POST /api/v1/card-batches/{id}/review",           "403/404", "409/404", "403",     "404",     "403"),
            row("GET /api/v1/firms/{firmId}/cards",                "200/404", "200/404", "403",     "404",     "403"),
            row("GET /api/v1/firms/{firmId}/cards/{permitId}",     "200/404", "200/404", "403",     "404",     "403"),
            row("GET /api/v1/firms/{firmId}/cards/{permitId}/history", "200/404", "200/404", "403", "404",     "403"),
            row("POST /api/v1/firms/{firmId}/cards/{permitId}/revoke", "400/404", "400/404", "403", "404",     "403"),
            row("POST /api/v1/firms/{firmId}/cards/{permitId}/reissue", "400/404", "400/404", "403", "404",    "403"),
            row("POST /api/v1/passes",                             "400/404", "403/404", "403",     "404",     "403")
                    .body("{\"firmId\": {firmId}}"),
            row("GET /api/v1/passes",                              "200",     "200",     "200",     "200",     "200"),
            row("GET /api/v1/passes/{id}",                         "200/404", "200/404", "403",     "404",     "403"),
            row("GET /api/v1/passes/{id}/history",                 "200/404", "200/404", "403",     "404",     "403"),
            row("POST /api/v1/passes/{id}/review",                 "403/404", "409/404", "403",     "404",     "403"),
            row("POST /api/v1/passes/{id}/revoke",                 "400/404", "400/404", "403",     "404",     "403"),
            row("POST /api/v1/passes/{id}/reissue",                "400/404", "400/404", "403",     "404",     "403"),
            // Needs no body. Administrators evaluate every park, the liaison park A: only parks with the policy on (or
            // firms it suspended) are touched; parks A and BJ-IND have it off and firms A and B are not suspended.
            row("POST /api/v1/suspension-policy/evaluate",         "403",     "200",     "403",     "403",     "200").bound("403"),
            row("GET /api/v1/audit",                               "403",     "403",     "200",     "403",     "200"),
            row("GET /api/v1/audit/{type}/{id}",                   "200",     "200",     "200",     "200",     "200"),
            // API credentials (issue 18 item 7): administrators, and a firm's manager for their firm (an empty body binds
            // the manager's own firm and is refused by validation). Credentials A and B are revoked in setUp: 409.
            row("GET /api/v1/api-credentials",                     "200",     "403",     "403",     "403",     "200"),
            row("POST /api/v1/api-credentials",                    "400",     "403",     "403",     "403",     "400"),
            row("POST /api/v1/api-credentials/{id}/revoke",        "409/404", "403",     "403",     "403",     "409"),
            row("GET /api/v1/notifications",                       "200",     "200",     "200",     "200",     "200"),
            row("POST /api/v1/notifications/{id}/read",            "404",     "404",     "404",     "404",     "404"),
            row("POST /api/v1/notifications/read-all",             "204",     "204",     "204",     "204",     "204"),
            // Keep these last: the DELETE resets the clock setUp moved.
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
        s.put("devices/{id}", t -> 999_999_999L);
        s.put("accounts/{userId}", t -> t == Tenant.OWN ? f.spareManagerA : f.spareManagerB);
        s.put("audit/{type}", t -> "Firm");
        s.put("{type}/{id}", t -> t == Tenant.OWN ? f.firmA : f.firmB);
        // Notifications belong to their recipient; none of these callers has one: nobody may read another's.
        s.put("notifications/{id}", t -> 1L);
        s.put("plans/{id}", t -> t == Tenant.OWN ? f.planA : f.planB);
        s.put("versions/{number}", t -> 1);
        s.put("reports/{id}", t -> t == Tenant.OWN ? f.reportA : f.reportB);
        s.put("permits/{id}", t -> t == Tenant.OWN ? f.permitA : f.permitB);
        s.put("problems/{id}", t -> t == Tenant.OWN ? f.problemA : f.problemB);
        s.put("attachments/{fileId}", t -> t == Tenant.OWN ? f.problemFileA : f.problemFileB);
        s.put("roster-imports/{id}", t -> t == Tenant.OWN ? f.rosterImportA : f.rosterImportB);
        s.put("firm-imports/{id}", t -> t == Tenant.OWN ? f.firmImportA : f.firmImportB);
        s.put("firm-registrations/{id}", t -> t == Tenant.OWN ? f.registrationA : f.registrationB);
        s.put("card-batches/{id}", t -> t == Tenant.OWN ? f.cardBatchA : f.cardBatchB);
        s.put("cards/{permitId}", t -> t == Tenant.OWN ? f.cardA : f.cardB);
        s.put("passes/{id}", t -> t == Tenant.OWN ? f.passA : f.passB);
        s.put("bulletins/{id}", t -> 1L);
        s.put("gates/{id}", t -> t == Tenant.OWN ? f.gateA : f.gateB);
        s.put("parks/{parkId}", t -> t == Tenant.OWN ? f.parkA : f.parkB);
        s.put("health-tests/{id}", t -> t == Tenant.OWN ? f.healthTestA : f.healthTestB);
        s.put("health-incidents/{id}", t -> t == Tenant.OWN ? f.incidentA : f.incidentB);
        s.put("health-holds/{id}", t -> t == Tenant.OWN ? f.holdA : f.holdB);
        s.put("api-credentials/{id}", t -> t == Tenant.OWN ? f.apiCredentialA : f.apiCredentialB);
        s.put("health-test-imports/{id}", t -> t == Tenant.OWN ? f.healthImportA : f.healthImportB);
        return s;
    }

    /** What a placeholder in a row's query names ({@code "parkId={parkId}"}): "own" (A) and "other" (B). */
    static Map<String, Function<Tenant, Object>> queryValues(Fixture f) {
        Map<String, Function<Tenant, Object>> q = new HashMap<>();
        q.put("firmId", t -> t == Tenant.OWN ? f.firmA : f.firmB);
        q.put("parkId", t -> t == Tenant.OWN ? f.parkA : f.parkB);
        return q;
    }

    enum Tenant { OWN, OTHER }

    /**
     * An endpoint, the query string it is called with (null: none; may hold placeholders), the JSON body of a
     * write (null: {@code {}}; may hold placeholders), and its cells.
     */
    record Row(String endpoint, String query, String body, String[] cells) {
        String expected(int role, Tenant t) {
            String[] both = cells[role].split("/");
            return both.length == 1 ? both[0] : both[t == Tenant.OWN ? 0 : 1];
        }

        /** The same row, called with a query string such as {@code "firmId={firmId}&type=CARD"}. */
        Row query(String q) {
            return new Row(endpoint, q, body, cells);
        }

        /** The same row with the firm-bound liaison officer's cell set (where they differ from the park-wide one). */
        Row bound(String cell) {
            String[] all = cells.clone();
            all[ROLES.length - 1] = cell;
            return new Row(endpoint, query, body, all);
        }

        /** The same row, written with a body such as <code>{"firmId": {firmId}}</code> instead of {@code {}}. */
        Row body(String b) {
            return new Row(endpoint, query, b, cells);
        }
    }

    static Row row(String endpoint, String... cells) {
        if (cells.length != ROLES.length - 1 && cells.length != ROLES.length) {
            throw new IllegalArgumentException(endpoint + ": one cell per role");
        }
        String[] all = java.util.Arrays.copyOf(cells, ROLES.length);
        if (cells.length == ROLES.length - 1) {
            all[ROLES.length - 1] = cells[1]; // the firm-bound liaison officer: as the park-wide one
        }
        return new Row(endpoint, null, null, all);
    }

    /** The sample objects and the callers, made through the API in {@link #setUp}. */
    static final class Fixture {
        long firmA, firmB, workerA, workerB, parkA, parkB, districtA, districtB, managerAId, managerBId, spareManagerA, spareManagerB;
        long planA, planB, reportA, reportB, permitA, permitB, problemA, problemB, problemFileA, problemFileB;
        long firmImportA, firmImportB, healthImportA, healthImportB, registrationA, registrationB;
        long rosterImportA, rosterImportB, cardBatchA, cardBatchB, cardA, cardB, passA, passB, gateA, gateB;
        long healthTestA, healthTestB, incidentA, incidentB, holdA, holdB;
        long apiCredentialA, apiCredentialB;
        LocalDate today;
        Api[] callers;
    }

    static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");
    /** The smallest PNG (a 1×1 pixel): a valid commitment letter and problem attachment. */
    static final byte[] PNG = Base64.getDecoder().decode(
            "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==");

    static Portal portal;
    static Fixture fixture;

    @BeforeAll
    static void setUp() {
        portal = Portal.get();
        Api admin = portal.api("admin");
        Fixture f = new Fixture();
        // 09:00 today in Shanghai: "today" cannot turn into tomorrow while the test runs.
        f.today = LocalDate.now(SHANGHAI);
        expect(200, admin.put("test/clock", Api.obj().put("now", f.today.atTime(9, 0).atZone(SHANGHAI).toInstant().toString())));

        f.parkB = TestData.parkId(admin, "BJ-IND");
        f.districtA = admin.get("parks/" + TestData.parkId(admin, "CD-ETZ")).json().get("districtId").asLong();
        f.districtB = admin.get("parks/" + f.parkB).json().get("districtId").asLong();
        String code = "AM" + Long.toString(System.nanoTime() % 1_000_000_000L, 36).toUpperCase(java.util.Locale.ROOT);
        f.parkA = expect(201, admin.post("parks", Api.obj().put("districtId", f.districtA).put("code", code)
                .put("name", "权限矩阵园区" + code).put("timeZone", "Asia/Shanghai").put("reportDeadline", "10:00:00")
                .put("passMaxDays", 30))).get("id").asLong();
        f.firmA = expect(201, admin.post("firms", TestData.firmBody(f.parkA, true, 300))).get("id").asLong();
        f.firmB = TestData.newFirm(admin, "BJ-IND", true, 300);
        String managerA = TestData.newUser(admin, "FIRM_MANAGER", f.firmA);
        String managerB = TestData.newUser(admin, "FIRM_MANAGER", f.firmB);
        String liaison = TestData.newUser(admin, "LIAISON", null, f.parkA);
        String spareA = TestData.newUser(admin, "FIRM_MANAGER", f.firmA);
        String spareB = TestData.newUser(admin, "FIRM_MANAGER", f.firmB);
        Api a = portal.api(managerA);
        Api b = portal.api(managerB);
        Api liaisonA = portal.api(liaison);
        f.workerA = newWorker(a, f.firmA);
        f.workerB = newWorker(b, f.firmB);
        // Issue 19: a gate of each park, no guard bound (the demo guard sees neither).
        f.gateA = expect(201, admin.post("gates", Api.obj().put("parkId", f.parkA).put("name", "矩阵岗A"))).get("id").asLong();
        f.gateB = expect(201, admin.post("gates", Api.obj().put("parkId", f.parkB).put("name", "矩阵岗B" + code))).get("id").asLong();

        // Plans approved by the park's liaison: each approval issues the firm's resumption certificate.
        f.planA = approvedPlan(a, liaisonA, f.firmA, f.today);
        f.planB = approvedPlan(b, portal.api("liaison.bj"), f.firmB, f.today);
        f.permitA = liaisonA.get("plans/" + f.planA).json().get("permitId").asLong();
        f.permitB = admin.get("plans/" + f.planB).json().get("permitId").asLong();

        f.reportA = expect(201, a.post("firms/" + f.firmA + "/reports/zero", Api.obj())).get("id").asLong();
        f.reportB = expect(201, b.post("firms/" + f.firmB + "/reports/zero", Api.obj())).get("id").asLong();

        JsonNode problemA = raiseProblem(a);
        f.problemA = problemA.get("id").asLong();
        f.problemFileA = problemA.get("attachments").get(0).get("id").asLong();
        expect(200, liaisonA.post("problems/" + f.problemA + "/acknowledge", Api.obj()));
        JsonNode problemB = raiseProblem(b);
        f.problemB = problemB.get("id").asLong();
        f.problemFileB = problemB.get("attachments").get(0).get("id").asLong();

        // Issue 5: a roster import, a decided card batch (whose approval issued a card) and an approved pass per firm.
        Api liaisonB = portal.api("liaison.bj");
        f.rosterImportA = importedRoster(a, f.firmA);
        f.rosterImportB = importedRoster(b, f.firmB);
        f.firmImportA = checkedFirmImport(liaisonA);
        f.firmImportB = checkedFirmImport(admin);
        // Issue 18.4: a registration per park, refused, so that confirming or refusing again is 409 and changes nothing.
        f.registrationA = refusedRegistration(liaisonA, f.parkA);
        f.registrationB = refusedRegistration(admin, f.parkB);
        JsonNode batchA = approvedCardBatch(a, liaisonA, f.firmA, f.workerA, f.today);
        f.cardBatchA = batchA.get("batch").get("id").asLong();
        f.cardA = batchA.get("items").get(0).get("permitId").asLong();
        JsonNode batchB = approvedCardBatch(b, liaisonB, f.firmB, f.workerB, f.today);
        f.cardBatchB = batchB.get("batch").get("id").asLong();
        f.cardB = batchB.get("items").get(0).get("permitId").asLong();
        f.passA = approvedPass(a, liaisonA, f.firmA, "川AD12345", f.today);
        f.passB = approvedPass(b, liaisonB, f.firmB, "京AD12345", f.today);

        // Issue 20: a positive test per firm (each opens an incident and holds the worker's cards); incident A acknowledged.
        String sampled = f.today.atTime(8, 0).atZone(SHANGHAI).toInstant().toString();
        f.healthTestA = expect(201, a.post("firms/" + f.firmA + "/health-tests", Api.obj().put("workerId", f.workerA)
                .put("sampledAt", sampled).put("result", "POSITIVE"))).get("id").asLong();
        f.healthTestB = expect(201, b.post("firms/" + f.firmB + "/health-tests", Api.obj().put("workerId", f.workerB)
                .put("sampledAt", sampled).put("result", "POSITIVE"))).get("id").asLong();
        f.incidentA = expect(200, liaisonA.get("health-incidents")).get(0).get("id").asLong();
        for (JsonNode i : expect(200, liaisonB.get("health-incidents"))) {
            if (i.get("firmId").asLong() == f.firmB) {
                f.incidentB = i.get("id").asLong();
            }
        }
        expect(200, liaisonA.post("health-incidents/" + f.incidentA + "/acknowledge", Api.obj()));
        f.holdA = expect(200, a.get("firms/" + f.firmA + "/health-holds")).get(0).get("id").asLong();
        f.holdB = expect(200, b.get("firms/" + f.firmB + "/health-holds")).get(0).get("id").asLong();
        // API credentials of firms A and B, revoked at once: revoking again answers 409 and changes nothing.
        for (long firm : new long[] {f.firmA, f.firmB}) {
            long id = expect(201, admin.post("api-credentials", Api.obj().put("name", "matrix").put("scope", "FIRM")
                    .put("firmId", firm).put("expiresOn", f.today.plusDays(5).toString()))).get("credential").get("id").asLong();
            expect(200, admin.post("api-credentials/" + id + "/revoke", Api.obj()));
            if (firm == f.firmA) {
                f.apiCredentialA = id;
            } else {
                f.apiCredentialB = id;
            }
        }
        f.healthImportA = importedHealthTests(a, f.firmA);
        f.healthImportB = importedHealthTests(b, f.firmB);

        String bound = TestData.newUser(admin, "LIAISON", null);
        Map<String, Long> users = new HashMap<>();
        admin.get("users").json().forEach(u -> users.put(u.get("username").asText(), u.get("id").asLong()));
        f.managerAId = users.get(managerA);
        f.managerBId = users.get(managerB);
        f.spareManagerA = users.get(spareA);
        f.spareManagerB = users.get(spareB);
        // JSON first, anything else after: downloads (PDF, Excel) are reachable, errors still come as JSON.
        // Issue 18: a firm-bound liaison officer (no parks) to whom firm A alone is assigned, after the fixtures above.
        ObjectNode assignA = Api.obj().put("liaisonUserId", users.get(bound));
        assignA.putArray("firmIds").add(f.firmA);
        expect(200, admin.post("liaison-assignments", assignA));
        String accept = "application/json, */*;q=0.1";
        f.callers = new Api[]{a.accepting(accept), liaisonA.accepting(accept), portal.api("analyst").accepting(accept),
                portal.api("guard").accepting(accept), admin.accepting(accept), portal.api(bound).accepting(accept)};
        fixture = f;
    }

    @AfterAll
    static void tearDown() {
        if (portal != null) {
            portal.api("admin").delete("test/clock");
        }
    }

    static JsonNode expect(int status, Api.Res r) {
        assertEquals(status, r.status(), r.raw());
        return r.json();
    }

    static long newWorker(Api manager, long firm) {
        Api.Res r = manager.post("firms/" + firm + "/workers", Api.obj().put("name", TestData.FAKES.personName())
                .put("residentId", TestData.FAKES.residentId("320583")).put("phone", TestData.FAKES.mobile())
                .put("job", "操作工").put("joinedOn", "2020-01-02"));
        assertEquals(201, r.status(), r.raw());
        return r.json().get("id").asLong();
    }

    /** A plan filed by the firm's manager (with a commitment letter) and approved by {@code liaison}; its id. */
    static long approvedPlan(Api manager, Api liaison, long firm, LocalDate today) {
        long file = expect(201, manager.postBytes("firms/" + firm + "/plans/commitments?name=commitment.png", "image/png", PNG))
                .get("fileId").asLong();
        long plan = expect(201, manager.post("firms/" + firm + "/plans", Api.obj().put("plannedDate", today.plusDays(3).toString())
                .put("headcount", 100).put("dormitory", "厂区宿舍每间4人").put("meals", "分餐错峰").put("shuttle", "班车两点一线")
                .put("disinfection", "每日两次消杀").put("healthChecks", "早晚测温").put("emergencyPlan", "发热即隔离并上报")
                .put("officerName", "王防疫").put("officerPhone", TestData.FAKES.mobile()).put("commitmentFileId", file)))
                .get("id").asLong();
        expect(200, liaison.post("plans/" + plan + "/approve", Api.obj()));
        return plan;
    }

    /**
     * A roster import of the firm: a dry run of a CSV whose one row is invalid, then imported with "valid rows only"
     * (nothing is written, the import is IMPORTED and cannot be imported again); its id.
     */
    static long importedRoster(Api manager, long firm) {
        byte[] csv = "name,residentId,phone,job,joinedOn\n张三,123,456,操作工,2020-01-02\n".getBytes(java.nio.charset.StandardCharsets.UTF_8);
        JsonNode dryRun = expect(201, manager.postBytes("firms/" + firm + "/roster-imports?fileName=roster.csv", "text/csv", csv));
        assertEquals(1, dryRun.get("invalidRows").asInt(), dryRun.toString());
        long id = dryRun.get("id").asLong();
        JsonNode imported = expect(200, manager.post("firms/" + firm + "/roster-imports/" + id + "/import", Api.obj().put("validOnly", true)));
        assertEquals("IMPORTED", imported.get("status").asText(), imported.toString());
        return id;
    }

    /** A sheet of test results with one invalid row, imported with "valid rows only" (nothing written); its id. */
    static long importedHealthTests(Api manager, long firm) {
        byte[] csv = "身份证号,姓名,采样时间,检测结果\n123,张三,2026-12-01 08:00,阴性\n".getBytes(java.nio.charset.StandardCharsets.UTF_8);
        String base = "firms/" + firm + "/health-test-imports";
        JsonNode dryRun = expect(201, manager.postBytes(base + "?fileName=tests.csv", "text/csv", csv));
        assertEquals(1, dryRun.get("invalidRows").asInt(), dryRun.toString());
        long id = dryRun.get("id").asLong();
        JsonNode imported = expect(200, manager.post(base + "/" + id + "/import", Api.obj().put("validOnly", true)));
        assertEquals("IMPORTED", imported.get("status").asText(), imported.toString());
        return id;
    }

    /** A firm import checked (not imported) by {@code caller}: one row, invalid (no credit code); its id. */
    static long refusedRegistration(Api decider, long park) {
        Api.Res r = FirmRegistrationIT.submit(Api.basic(portal.baseUrl(), null, null),
                FirmRegistrationIT.form(park, TestData.FAKES.creditCode("510100"), TestData.FAKES.mobile()), "licence.png", PNG);
        long id = expect(201, r).get("id").asLong();
        expect(200, decider.post("firm-registrations/" + id + "/refuse", Api.obj().put("reason", "access matrix sample")));
        return id;
    }

    static long checkedFirmImport(Api caller) {
        byte[] csv = "企业名称,统一社会信用代码,所属园区,行业,规模类别,联系人,联系电话\n矩阵企业,,CD-ETZ,机械装备,规上,张伟,13800138000\n"
                .getBytes(java.nio.charset.StandardCharsets.UTF_8);
        JsonNode dryRun = expect(201, caller.postBytes("firm-imports?fileName=firms.csv", "text/csv", csv));
        assertEquals(1, dryRun.get("invalidRows").asInt(), dryRun.toString());
        return dryRun.get("id").asLong();
    }

    /** A card batch for one worker, applied for by the firm's manager and approved whole by {@code liaison}; the answer. */
    static JsonNode approvedCardBatch(Api manager, Api liaison, long firm, long worker, LocalDate today) {
        ObjectNode body = Api.obj().put("firmId", firm).put("validFrom", today.toString()).put("validTo", today.plusDays(29).toString());
        body.putArray("workerIds").add(worker);
        JsonNode batch = expect(201, manager.post("card-batches", body)).get("batch");
        JsonNode decided = expect(200, liaison.post("card-batches/" + batch.get("id").asLong() + "/review",
                Api.obj().put("version", batch.get("version").asLong()).put("approveAll", true)));
        assertEquals("DECIDED", decided.get("batch").get("status").asText(), decided.toString());
        return decided;
    }

    /** A vehicle pass applied for by the firm's manager and approved by {@code liaison}; its id. */
    static long approvedPass(Api manager, Api liaison, long firm, String plate, LocalDate today) {
        JsonNode pass = expect(201, manager.post("passes", Api.obj().put("firmId", firm).put("plate", plate).put("vehicleType", "TRUCK")
                .put("driverName", "刘师傅").put("driverResidentId", TestData.FAKES.residentId("510107"))
                .put("driverPhone", TestData.FAKES.mobile()).put("origin", "成都青白江").put("destination", "园区三号门")
                .put("cargo", "钢材 20 吨").put("purpose", "MATERIALS_IN").put("validFrom", today.toString())
                .put("validTo", today.plusDays(3).toString())));
        JsonNode approved = expect(200, liaison.post("passes/" + pass.get("id").asLong() + "/review",
                Api.obj().put("version", pass.get("version").asLong()).put("approve", true)));
        assertEquals("APPROVED", approved.get("status").asText(), approved.toString());
        return pass.get("id").asLong();
    }

    /** A problem raised by the firm's manager with one attachment; the answer (id, attachments). */
    static JsonNode raiseProblem(Api manager) {
        ObjectNode body = Api.obj().put("category", "MATERIALS_IN").put("urgency", "NORMAL").put("description", "原材料车辆无法进入园区");
        body.putArray("attachments").add(Api.obj().put("name", "photo.png").put("contentBase64", Base64.getEncoder().encodeToString(PNG)));
        return expect(201, manager.post("problems", body));
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
        Map<String, Function<Tenant, Object>> queryValues = queryValues(fixture);
        List<String> unexpected = new ArrayList<>();
        for (Row row : MATRIX) {
            if (stale.contains(row.endpoint())) {
                continue;
            }
            for (int role = 0; role < ROLES.length; role++) {
                for (Tenant t : Tenant.values()) {
                    String path = concrete(row.endpoint(), samples, t) + query(row, queryValues, t);
                    String body = row.body() == null ? "{}" : fill(row.body(), row, queryValues, t);
                    int status = call(fixture.callers[role], row.endpoint().split(" ")[0], path, body);
                    String expected = row.expected(role, t);
                    if (!expected.equals(String.valueOf(status))) {
                        unexpected.add(row.endpoint() + " as " + ROLES[role] + " (" + t + " " + path + "): expected "
                                + expected + ", got " + status);
                    }
                }
            }
        }
        String docDrift = checkDocs();
        if (!missing.isEmpty() || !stale.isEmpty() || !unexpected.isEmpty() || docDrift != null) {
            fail("Endpoints without a row in AccessMatrixIT.MATRIX: " + missing + "\nRows for endpoints that do not exist: " + stale
                    + "\nUnexpected cells (" + unexpected.size() + "):\n  " + String.join("\n  ", unexpected)
                    + (docDrift == null ? "" : "\n" + docDrift));
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
            for (String seg : withoutRegex(p).split("/")) {
                if (!seg.isBlank()) {
                    sb.append('/').append(seg);
                }
            }
        }
        return sb.toString();
    }

    /** "{id: \\d+}" -> "{id}", also when the regex holds braces or slashes ("{n: \\d{1,3}}", "{p: .+/x}"). */
    static String withoutRegex(String path) {
        StringBuilder sb = new StringBuilder();
        int i = 0;
        while (i < path.length()) {
            char c = path.charAt(i);
            if (c != '{') {
                sb.append(c);
                i++;
                continue;
            }
            int depth = 0;
            int end = i;
            for (; end < path.length(); end++) {
                depth += path.charAt(end) == '{' ? 1 : path.charAt(end) == '}' ? -1 : 0;
                if (depth == 0) {
                    break;
                }
            }
            String variable = path.substring(i + 1, end);
            int colon = variable.indexOf(':');
            sb.append('{').append((colon < 0 ? variable : variable.substring(0, colon)).strip()).append('}');
            i = end + 1;
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

    /** The row's query string with its placeholders filled in for the tenant ("" when the row has none). */
    static String query(Row row, Map<String, Function<Tenant, Object>> values, Tenant t) {
        return row.query() == null ? "" : "?" + fill(row.query(), row, values, t);
    }

    /** A query string or body with its placeholders ({@code {firmId}}) filled in for the tenant. */
    static String fill(String template, Row row, Map<String, Function<Tenant, Object>> values, Tenant t) {
        Matcher m = Pattern.compile("\\{(\\w+)}").matcher(template);
        StringBuilder sb = new StringBuilder();
        while (m.find()) {
            Function<Tenant, Object> value = values.get(m.group(1));
            if (value == null) {
                fail("No value for {" + m.group(1) + "} in the query or body of " + row.endpoint() + ": add one to AccessMatrixIT.queryValues");
            }
            m.appendReplacement(sb, Matcher.quoteReplacement(String.valueOf(value.apply(t))));
        }
        m.appendTail(sb);
        return sb.toString();
    }

    static int call(Api api, String verb, String path, String body) {
        return switch (verb) {
            case "GET" -> api.get(path).status();
            // A String body is sent as it is (JSON text).
            case "POST" -> api.post(path, body).status();
            case "PUT" -> api.put(path, body).status();
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
        sb.append("| endpoint | firm manager | liaison officer | bureau analyst | gate guard | admin | firm-bound liaison |\n");
        sb.append("|---|---|---|---|---|---|---|\n");
        for (Row r : MATRIX) {
            sb.append("| `").append(r.endpoint()).append(r.query() == null ? "" : "?" + r.query())
                    .append(r.body() == null ? "" : " " + r.body()).append("` |");
            for (String cell : r.cells()) {
                sb.append(' ').append(cell).append(" |");
            }
            sb.append('\n');
        }
        return sb.toString();
    }

    /**
     * Compares the generated section of docs/security.md with the table (rendered to
     * target/it/access-matrix.md for a diff). Returns what is wrong, or null when the document is
     * current; with {@code -Dloopgate.updateDocs=true} rewrites the section instead.
     */
    static String checkDocs() throws Exception {
        java.nio.file.Path doc = java.nio.file.Path.of(System.getProperty("loopgate.docs", "docs"), "security.md");
        java.nio.file.Path rendered = java.nio.file.Path.of(System.getProperty("loopgate.work", "target/it"), "access-matrix.md");
        Files.createDirectories(rendered.getParent());
        Files.writeString(rendered, markdown());
        if (!Files.isRegularFile(doc)) {
            return "docs/security.md not found at " + doc;
        }
        String text = Files.readString(doc);
        int a = text.indexOf(START);
        int b = text.indexOf(END);
        if (a < 0 || b < a) {
            return "docs/security.md lacks the access-matrix markers";
        }
        String updated = text.substring(0, a + START.length()) + "\n" + markdown() + text.substring(b);
        if (updated.equals(text)) {
            return null;
        }
        if (Boolean.getBoolean("loopgate.updateDocs")) {
            Files.writeString(doc, updated);
            System.out.println("AccessMatrixIT: docs/security.md updated from the table; commit it.");
            return null;
        }
        return "docs/security.md's access matrix differs from AccessMatrixIT.MATRIX (rendered to " + rendered
                + "). Compare them, then run this test with -Dloopgate.updateDocs=true to rewrite the section, and commit it.";
    }
}
