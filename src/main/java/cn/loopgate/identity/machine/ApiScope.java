package cn.loopgate.identity.machine;

import cn.loopgate.identity.Role;

import java.util.List;

/**
 * What a machine client may call: the one allow-list per scope, checked by the authentication mechanism before any
 * resource or page runs. Anything not listed (pages, account and user management, credentials, administration,
 * plans, problems, notifications) answers 403. Inside the list the services' own checks apply as for the scope's
 * role equivalent ({@link #role()}), bound to the credential's firm or parks.
 * <ul>
 *   <li>{@link #FIRM}: one firm's HR or testing system — its roster and roster imports, whitelist (card batches,
 *   cards) and vehicle pass applications, daily reports, health tests and holds. Acts as the firm's manager.</li>
 *   <li>{@link #PARK}: reading a park's figures and queues (GET only, no named people). Acts as a liaison officer of
 *   the parks.</li>
 *   <li>{@link #GATE}: a gate scanner or thermometer of the parks — verifying a permit (with a temperature), uploading
 *   offline scans, and the public keys. Acts as a guard of every active gate of the parks.</li>
 * </ul>
 * Patterns are {@code METHOD /path} relative to the context root; {@code *} stands for one path segment.
 */
public enum ApiScope {

    FIRM(Role.FIRM_MANAGER, List.of(
            "GET /api/v1/me",
            "GET /api/v1/firms/*",
            "GET /api/v1/firms/*/workers", "POST /api/v1/firms/*/workers",
            "GET /api/v1/firms/*/workers/*", "PUT /api/v1/firms/*/workers/*", "POST /api/v1/firms/*/workers/*/leave",
            "GET /api/v1/firms/*/roster-imports/template", "POST /api/v1/firms/*/roster-imports",
            "GET /api/v1/firms/*/roster-imports/*", "GET /api/v1/firms/*/roster-imports/*/report",
            "POST /api/v1/firms/*/roster-imports/*/import",
            "GET /api/v1/card-batches", "POST /api/v1/card-batches", "GET /api/v1/card-batches/*",
            "GET /api/v1/firms/*/cards", "GET /api/v1/firms/*/cards/*", "GET /api/v1/firms/*/cards/*/history",
            "GET /api/v1/passes", "POST /api/v1/passes", "GET /api/v1/passes/*", "GET /api/v1/passes/*/history",
            "GET /api/v1/firms/*/reports", "POST /api/v1/firms/*/reports", "GET /api/v1/firms/*/reports/today",
            "POST /api/v1/firms/*/reports/zero", "GET /api/v1/reports/*",
            "GET /api/v1/firms/*/health-tests", "POST /api/v1/firms/*/health-tests", "PUT /api/v1/firms/*/health-tests/*",
            "GET /api/v1/firms/*/health-holds")),

    PARK(Role.LIAISON, List.of(
            "GET /api/v1/me",
            "GET /api/v1/parks", "GET /api/v1/parks/*",
            "GET /api/v1/dashboard/figures", "GET /api/v1/dashboard/parks", "GET /api/v1/dashboard/trend",
            "GET /api/v1/board", "GET /api/v1/plans/queue", "GET /api/v1/parks/*/health-figures")),

    GATE(Role.GUARD, List.of(
            "GET /api/v1/me",
            "POST /api/v1/gate/verify", "POST /api/v1/gate/offline-scans",
            "GET /api/v1/public/permits/keys", "GET /api/v1/public/permits/revocations"));

    private final Role role;
    private final List<String[]> allowed;

    ApiScope(Role role, List<String> allowed) {
        this.role = role;
        this.allowed = allowed.stream().map(p -> p.split(" ", 2)).toList();
    }

    /** The person whose checks the machine passes: a firm's manager, a park's liaison officer, a guard. */
    public Role role() {
        return role;
    }

    /** The allow-list as written, for the documentation and tests. */
    public List<String> endpoints() {
        return allowed.stream().map(a -> a[0] + " " + a[1]).toList();
    }

    /**
     * Whether the scope may call {@code method} on {@code path} (relative to the context root, without the query).
     * A HEAD counts as its GET; anything with a dot-segment, an empty segment or a path parameter is refused.
     */
    public boolean allows(String method, String path) {
        if (method == null || path == null || path.contains(";") || path.contains("//") || path.contains("/.")
                || path.contains("%")) {
            return false;
        }
        String m = "HEAD".equals(method) ? "GET" : method;
        String p = path.length() > 1 && path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
        for (String[] a : allowed) {
            if (a[0].equals(m) && matches(a[1], p)) {
                return true;
            }
        }
        return false;
    }

    static boolean matches(String pattern, String path) {
        String[] want = pattern.split("/", -1);
        String[] got = path.split("/", -1);
        if (want.length != got.length) {
            return false;
        }
        for (int i = 0; i < want.length; i++) {
            if (want[i].equals("*") ? got[i].isEmpty() : !want[i].equals(got[i])) {
                return false;
            }
        }
        return true;
    }
}
