"""The checks of docker/run-compose-check.sh against the running compose set-up (project name, start
time and env file as arguments). Standard library only: it runs on a fresh Debian with python3."""
import html
import http.cookiejar
import json
import re
import ssl
import subprocess
import sys
import time
import urllib.error
import urllib.parse
import urllib.request
from datetime import datetime

PROJECT, T0, ENV_FILE = sys.argv[1], int(sys.argv[2]), sys.argv[3]
ENV = dict(l.split("=", 1) for l in open(ENV_FILE).read().splitlines() if "=" in l and not l.startswith("#"))
PUBLIC = ENV["LOOPGATE_PUBLIC_URL"]
KC_INTERNAL = "http://127.0.0.1:%s/auth" % ENV["KEYCLOAK_PORT"]
NODES = {"portal-a": "http://127.0.0.1:%s" % ENV["PORTAL_A_PORT"], "portal-b": "http://127.0.0.1:%s" % ENV["PORTAL_B_PORT"]}
# Our own self-signed certificate is the only one trusted: the TLS check is a real verification.
TLS = ssl.create_default_context(cafile="docker/tls/server.crt")
TIMINGS = {}


def step(msg):
    print("== +%ds %s" % (time.time() - T0, msg), flush=True)


def check(cond, msg):
    if not cond:
        raise SystemExit("FAILED: " + msg)
    print("   ok: " + msg, flush=True)


class NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args):
        return None


def client(follow=True, jar=None):
    handlers = [urllib.request.HTTPSHandler(context=TLS), urllib.request.HTTPCookieProcessor(jar if jar is not None else http.cookiejar.CookieJar())]
    if not follow:
        handlers.append(NoRedirect())
    return urllib.request.build_opener(*handlers)


def call(opener, url, data=None, headers=None, method=None):
    body = None
    if data is not None:
        body = data if isinstance(data, bytes) else urllib.parse.urlencode(data).encode()
    req = urllib.request.Request(url, data=body, headers=headers or {}, method=method)
    try:
        with opener.open(req, timeout=30) as r:
            return r.status, r.headers, r.read().decode("utf-8", "replace"), r.geturl()
    except urllib.error.HTTPError as e:
        return e.code, e.headers, e.read().decode("utf-8", "replace"), url


def sh(*cmd, check_rc=True):
    r = subprocess.run(cmd, capture_output=True, text=True)
    if check_rc and r.returncode != 0:
        raise SystemExit("FAILED: %s\n%s%s" % (" ".join(cmd), r.stdout, r.stderr))
    return r


def container(service):
    return "%s_%s_1" % (PROJECT, service)


def metric(node, name):
    _, _, body, _ = call(client(), NODES[node] + "/metrics")
    m = re.search(r"^%s(?:\{[^}]*\})?\s+([0-9.]+)" % name, body, re.M)
    return float(m.group(1)) if m else None


def listening():
    step("nothing listens beyond loopback (ss -ltnp, the processes of the compose containers)")
    pids = set()
    for cid in sh("docker", "ps", "-q", "--filter", "label=com.docker.compose.project=" + PROJECT).stdout.split():
        pids.update(sh("docker", "top", cid, "-eo", "pid").stdout.split()[1:])
    sockets = []
    for line in sh("ss", "-ltnpH").stdout.splitlines():
        found = re.findall(r"pid=(\d+)", line)
        if any(p in pids for p in found):
            sockets.append(line.split()[3])
    print("   " + " ".join(sorted(sockets)))
    bad = [s for s in sockets if not (s.startswith("127.0.0.1:") or s.startswith("[::ffff:127.0.0.1]:"))]
    check(len(sockets) >= 9 and not bad, "%d listening sockets, all on 127.0.0.1 (beyond: %s)" % (len(sockets), bad))


def tls_and_proxy():
    step("TLS, HSTS and forwarded headers through nginx")
    status, headers, _, _ = call(client(), PUBLIC + "/login.xhtml")
    check(status == 200, "GET %s/login.xhtml over verified TLS: %d" % (PUBLIC, status))
    check("max-age" in (headers.get("Strict-Transport-Security") or ""),
          "the portal sends HSTS behind nginx: " + str(headers.get("Strict-Transport-Security")))
    status, headers, _, _ = call(client(), NODES["portal-a"] + "/login.xhtml")
    check(headers.get("Strict-Transport-Security") is None, "no HSTS on the node's own plain HTTP")
    status, headers, _, _ = call(client(False), "http://127.0.0.1:18080/login.xhtml")
    check(status == 301 and headers["Location"].startswith("https://"), "plain HTTP redirects to HTTPS")
    status, _, _, _ = call(client(), PUBLIC + "/metrics")
    check(status == 404, "/metrics is not served through the proxy: %d" % status)
    status, _, _, _ = call(client(), PUBLIC + "/auth/admin/master/console/")
    check(status == 404, "Keycloak's admin console is not published: %d" % status)
    check(metric("portal-a", "loopgate_cluster_members") == 2 and metric("portal-b", "loopgate_cluster_members") == 2,
          "each node's /metrics (direct) reports loopgate_cluster_members 2")


def admin_token():
    _, _, body, _ = call(client(), KC_INTERNAL + "/realms/master/protocol/openid-connect/token",
                         {"grant_type": "password", "client_id": "admin-cli",
                          "username": ENV["KEYCLOAK_ADMIN"], "password": ENV["KEYCLOAK_ADMIN_PASSWORD"]})
    return {"Authorization": "Bearer " + json.loads(body)["access_token"], "Content-Type": "application/json"}


def keycloak():
    step("Keycloak: public issuer through nginx, production realm")
    status, _, body, _ = call(client(), PUBLIC + "/auth/realms/loopgate/.well-known/openid-configuration")
    doc = json.loads(body)
    check(status == 200 and doc["issuer"] == PUBLIC + "/auth/realms/loopgate", "issuer " + doc["issuer"])
    auth = admin_token()
    _, _, body, _ = call(client(), KC_INTERNAL + "/admin/realms/loopgate/users/count", headers=auth)
    check(body.strip() == "0", "the production realm has no users (no demo accounts): %s" % body.strip())
    _, _, body, _ = call(client(), KC_INTERNAL + "/admin/realms/loopgate/clients?clientId=loopgate-portal", headers=auth)
    c = json.loads(body)[0]
    check(not c["directAccessGrantsEnabled"] and c["standardFlowEnabled"] and not c.get("implicitFlowEnabled"),
          "only the authorization code flow is on")
    check(c["redirectUris"] == [PUBLIC + "/oidc/callback"], "redirect URIs from configuration: %s" % c["redirectUris"])
    return auth


def sign_in(auth):
    step("sign-in through Keycloak (browser flow, code + PKCE) via nginx")
    password = "Check-" + str(int(time.time()))
    user = {"username": "ops.analyst", "enabled": True, "firstName": "Ops", "lastName": "Analyst",
            "email": "ops.analyst@example.gov.cn", "emailVerified": True,
            "credentials": [{"type": "password", "value": password, "temporary": False}]}
    status, _, body, _ = call(client(), KC_INTERNAL + "/admin/realms/loopgate/users", json.dumps(user).encode(), auth, "POST")
    check(status in (201, 409), "user ops.analyst created: %d %s" % (status, body[:200]))
    _, _, body, _ = call(client(), KC_INTERNAL + "/admin/realms/loopgate/users?username=ops.analyst&exact=true", headers=auth)
    uid = json.loads(body)[0]["id"]
    # A second run finds the user of the first: give it this run's password.
    call(client(), KC_INTERNAL + "/admin/realms/loopgate/users/%s/reset-password" % uid,
         json.dumps({"type": "password", "value": password, "temporary": False}).encode(), auth, "PUT")
    _, _, role, _ = call(client(), KC_INTERNAL + "/admin/realms/loopgate/roles/bureau-analyst", headers=auth)
    call(client(), KC_INTERNAL + "/admin/realms/loopgate/users/%s/role-mappings/realm" % uid, ("[%s]" % role).encode(), auth, "POST")
    jar = http.cookiejar.CookieJar()
    browser = client(jar=jar)
    started = time.time()
    status, _, page, url = call(browser, PUBLIC + "/index.xhtml")
    check(url.startswith(PUBLIC + "/auth/realms/loopgate/protocol/openid-connect/auth"), "the portal sends the browser to Keycloak at " + url[:80])
    action = html.unescape(re.search(r'<form[^>]*id="kc-form-login"[^>]*action="([^"]+)"', page).group(1))
    status, _, page, url = call(browser, action, {"username": "ops.analyst", "password": password, "credentialId": ""})
    TIMINGS["sign-in"] = time.time() - started
    check(status == 200 and url.startswith(PUBLIC) and "/auth/" not in url, "signed in, back on the portal at %s (%d)" % (url, status))
    status, _, _, _ = call(client(False, jar), PUBLIC + "/index.xhtml")
    check(status == 200, "the portal session answers a page: %d" % status)
    return jar, uid


def served_by():
    logs = sh("docker", "logs", "--tail", "20", container("nginx")).stdout.splitlines()
    upstreams = [json.loads(l)["upstream"] for l in logs if l.startswith("{") and '"/index.xhtml"' in l]
    port = upstreams[-1].split(",")[-1].strip().rsplit(":", 1)[1]
    return "portal-a" if port == ENV["PORTAL_A_PORT"] else "portal-b"


def failover_and_rejoin(jar):
    step("kill -9 the node serving the session; the session survives; the node restarts and rejoins")
    call(client(False, jar), PUBLIC + "/index.xhtml")
    node = served_by()
    other = "portal-b" if node == "portal-a" else "portal-a"
    pid = sh("docker", "inspect", "-f", "{{.State.Pid}}", container(node)).stdout.strip()
    killed = time.time()
    sh("kill", "-9", pid)
    status, _, _, _ = call(client(False, jar), PUBLIC + "/index.xhtml")
    check(status == 200 and served_by() == other, "after kill -9 of %s the same session is served by %s (%d)" % (node, other, status))
    rejoined = None
    while time.time() - killed < 300:
        try:
            if metric(node, "loopgate_cluster_members") == 2 and metric(other, "loopgate_cluster_members") == 2:
                rejoined = time.time() - killed
                break
        except Exception:
            pass
        time.sleep(1)
    check(rejoined is not None, "%s restarted (restart: unless-stopped) and rejoined the cluster" % node)
    TIMINGS["kill to rejoined (restart + boot + join)"] = rejoined
    # The grid join itself, apart from the WAR's boot: from the container's restart to the node's
    # first "DG Size: 2" (Payara's data grid status, logged when Hazelcast has joined).
    started = datetime.fromisoformat(sh("docker", "inspect", "-f", "{{.State.StartedAt}}", container(node)).stdout.strip()[:26] + "+00:00")
    joined = None
    logs = sh("docker", "logs", "--since", started.strftime("%Y-%m-%dT%H:%M:%S"), container(node))
    for line in (logs.stdout + logs.stderr).splitlines():
        if line.startswith("{") and "DG Size: 2" in line:
            joined = datetime.strptime(json.loads(line)["Timestamp"], "%Y-%m-%dT%H:%M:%S.%f%z")
            break
    check(joined is not None, "%s logged a data grid of 2 after its restart" % node)
    TIMINGS["restart to grid joined"] = (joined - started).total_seconds()
    print("   %s: container restarted %s, joined the grid %.1f s later, both nodes' metric 2 at %.0f s after the kill"
          % (node, started.strftime("%H:%M:%S"), (joined - started).total_seconds(), rejoined))


def database():
    step("least privilege in PostgreSQL")
    psql = ["docker", "exec", "-e", "PGPASSWORD=" + ENV["LOOPGATE_DB_PASSWORD"], container("postgres"),
            "psql", "-h", "127.0.0.1", "-p", ENV["POSTGRES_PORT"], "-U", "loopgate_app", "-d", "loopgate", "-v", "ON_ERROR_STOP=1", "-c"]
    r = sh(*psql, "ALTER TABLE audit_entry DISABLE TRIGGER audit_no_update", check_rc=False)
    check(r.returncode != 0 and "must be owner" in r.stderr, "loopgate_app cannot disable the audit trigger: " + r.stderr.strip())
    r = sh(*psql, "SELECT count(*) FROM audit_entry", check_rc=False)
    check(r.returncode == 0, "loopgate_app reads rows")
    r = sh("docker", "exec", "-e", "PGPASSWORD=" + ENV["KEYCLOAK_DB_PASSWORD"], container("postgres"), "psql", "-h", "127.0.0.1",
           "-p", ENV["POSTGRES_PORT"], "-U", "keycloak", "-d", "loopgate", "-c", "select 1", check_rc=False)
    check(r.returncode != 0, "Keycloak's role cannot connect to Loopgate's database")


def backup_and_restore():
    step("backup (pg_dump of both databases) and the restore drill")
    started = time.time()
    out = sh("docker", "exec", container("backup"), "/opt/postgres/backup.sh", "once").stdout.strip().splitlines()[-1]
    TIMINGS["backup"] = time.time() - started
    stamp = json.loads(out)["backup"]
    check(stamp, "backup %s written to docker/backups/" % stamp)
    started = time.time()
    r = sh("docker/restore-drill.sh", PROJECT, ENV_FILE, stamp)
    print("   " + r.stdout.strip().replace("\n", "\n   "))
    TIMINGS["restore drill"] = time.time() - started


listening()
tls_and_proxy()
auth = keycloak()
jar, _ = sign_in(auth)
database()
backup_and_restore()
failover_and_rejoin(jar)
listening()
step("timings: " + ", ".join("%s %.1f s" % (k, v) for k, v in TIMINGS.items()))
