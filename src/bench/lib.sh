# Shared helpers of the benchmark scripts (sourced). Environment:
#   BENCH_PGHOST (127.0.0.1) BENCH_PGPORT (5432) BENCH_PGUSER (postgres) BENCH_PGPASSWORD (x, ignored with trust auth)
#   BENCH_DB (loopgate_bench) BENCH_PORT (portal HTTP port; default: a free one, never 8080)
#   BENCH_WAR (target/loopgate.war) BENCH_HTTP_THREADS (32, as the launcher's LOOPGATE_HTTP_THREADS) BENCH_HEAP (unset: the heap of docker/portal/jvm.options, 512 MB)
#   BENCH_JAVA_OPTS (extra JVM options of the portal, e.g. -XX:StartFlightRecording=... to profile a phase)
#   BENCH_DEMO_DATA (false; true seeds the demo city into an empty database at start, as the tests' portals do)
set -euo pipefail
BENCH_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
ROOT="$(cd "$BENCH_DIR/../.." && pwd)"
export PGHOST="${BENCH_PGHOST:-127.0.0.1}" PGPORT="${BENCH_PGPORT:-5432}" PGUSER="${BENCH_PGUSER:-postgres}"
export PGPASSWORD="${BENCH_PGPASSWORD:-x}"
BENCH_DB="${BENCH_DB:-loopgate_bench}"
WORK="$ROOT/target/bench"
mkdir -p "$WORK"

log() { printf '[%s] %s\n' "$(date -u +%H:%M:%S)" "$*" >&2; }

free_port() {
    python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'
}

# Builds the WAR and fetches Payara Micro when they are missing (tests skipped).
ensure_build() {
    if [[ ! -f "$ROOT/target/loopgate.war" || ! -f "$ROOT/target/payara-micro.jar" ]]; then
        log "building target/loopgate.war (mvn -DskipTests package)"
        (cd "$ROOT" && mvn -B -q -DskipTests package)
    fi
}

# Starts Payara Micro with the WAR against $BENCH_DB exactly as the launcher (devserver/PortalProcess) does,
# and waits until /login.xhtml answers 200. Sets PORTAL_PID, BASE and START_SECONDS (launch -> first page).
# BENCH_WAR runs another WAR (e.g. a copy of the previous build, to measure before/after in one session).
start_portal() {
    ensure_build
    local war="${BENCH_WAR:-$ROOT/target/loopgate.war}"
    local port="${BENCH_PORT:-$(free_port)}"
    [[ "$port" == 8080 ]] && { echo "port 8080 is reserved" >&2; exit 1; }
    rm -rf "$WORK/payara"
    printf 'set configs.config.server-config.network-config.network-listeners.network-listener.http-listener.address=127.0.0.1\nset configs.config.server-config.network-config.protocols.protocol.http-listener.http.server-header=false\n' \
        > "$WORK/preboot.asadmin"
    local t0; t0=$(date +%s.%N)
    LOOPGATE_DB_URL="jdbc:postgresql://$PGHOST:$PGPORT/$BENCH_DB" LOOPGATE_DB_USER="$PGUSER" LOOPGATE_DB_PASSWORD="$PGPASSWORD" \
    LOOPGATE_PORT="$port" LOOPGATE_DEMO_DATA="${BENCH_DEMO_DATA:-false}" LOOPGATE_COOKIE_SECURE=false \
    LOOPGATE_PUBLIC_URL="http://127.0.0.1:$port" LOOPGATE_DATA_DIR="$WORK/data" LOOPGATE_DB_EMBEDDED=true \
    MALLOC_ARENA_MAX=2 java @"$ROOT/docker/portal/jvm.options" ${BENCH_HEAP:+-Xmx$BENCH_HEAP} ${BENCH_JAVA_OPTS:-} \
        -Dfile.encoding=UTF-8 -Djava.net.preferIPv4Stack=true \
        -jar "$ROOT/target/payara-micro.jar" --deploy "$war" --contextroot / --port "$port" \
        --rootdir "$WORK/payara" --prebootcommandfile "$WORK/preboot.asadmin" --nocluster --maxhttpthreads "${BENCH_HTTP_THREADS:-32}" \
        > "$WORK/server.log" 2>&1 &
    PORTAL_PID=$!
    BASE="http://127.0.0.1:$port"
    for _ in $(seq 1 600); do
        kill -0 "$PORTAL_PID" 2>/dev/null || { tail -50 "$WORK/server.log" >&2; echo "portal exited" >&2; exit 1; }
        if [[ "$(curl -s -o /dev/null -w '%{http_code}' "$BASE/login.xhtml" || true)" == 200 ]]; then
            START_SECONDS=$(python3 -c "print(round($(date +%s.%N) - $t0, 1))")
            log "portal up at $BASE after ${START_SECONDS}s (pid $PORTAL_PID)"
            return
        fi
        sleep 0.25
    done
    echo "portal not ready; see $WORK/server.log" >&2; exit 1
}

stop_portal() {
    if [[ -n "${PORTAL_PID:-}" ]] && kill -0 "$PORTAL_PID" 2>/dev/null; then
        kill "$PORTAL_PID"; wait "$PORTAL_PID" 2>/dev/null || true
        log "portal stopped"
    fi
    PORTAL_PID=
}

# ensure_filers <n>: firm managers bench-filer-00001.. for the first n firms (by id), password loopgate123.
# Their PBKDF2 hash has 1,000 iterations (the stored hash carries its count, so the portal verifies it as
# is) so that thousands of first sign-ins take seconds instead of minutes; from the second request on the
# portal's 5-minute memo answers either way. Benchmark data only: real users get 210,000 iterations.
ensure_filers() {
    local hash; hash=$(python3 -c '
import hashlib, os, base64
s = os.urandom(32)
h = hashlib.pbkdf2_hmac("sha256", b"loopgate123", s, 1000, 32)
print("PBKDF2WithHmacSHA256:1000:%s:%s" % (base64.b64encode(s).decode(), base64.b64encode(h).decode()))')
    psql -X -q -d "$BENCH_DB" -v hash="$hash" -v n="$1" <<'SQL'
insert into app_user (username, display_name, password_hash, role, firm_id)
select 'bench-filer-' || lpad(f.rn::text, 5, '0'), '压测填报', :'hash', 'FIRM_MANAGER', f.id
from (select id, row_number() over (order by id) as rn from firm) f where f.rn <= :n
on conflict (username) do nothing;
SQL
}

# report_data <file> <n> <days>: the lua data file of reports.lua for filers 1..n and the last <days> park days
# (today in Asia/Shanghai backwards), after removing those firms' reports of these days (and their
# revisions) so that every pair is filed afresh. Sets REPORT_FIRST_DAY.
report_data() {
    local file="$1" n="$2" days="$3" today; today=$(TZ=Asia/Shanghai date +%F)
    REPORT_FIRST_DAY=$(TZ=Asia/Shanghai date -d "$today - $((days - 1)) day" +%F)
    psql -X -q -d "$BENCH_DB" <<SQL
create temp table filer as select firm_id from app_user where username like 'bench-filer-%' and substr(username, 13)::int <= $n;
delete from daily_report_revision where report_id in
    (select r.id from daily_report r join filer f using (firm_id) where r.report_date >= date '$REPORT_FIRST_DAY');
delete from daily_report r using filer f where f.firm_id = r.firm_id and r.report_date >= date '$REPORT_FIRST_DAY';
SQL
    {
        echo "FIRMS = {$(psql -X -Atd "$BENCH_DB" -c "select string_agg(firm_id::text, ',' order by username) from app_user where username like 'bench-filer-%' and substr(username, 13)::int <= $n")}"
        echo -n "AUTH = {"
        for i in $(seq 1 "$n"); do printf '"Basic %s",' "$(printf 'bench-filer-%05d:loopgate123' "$i" | base64 -w0)"; done
        echo "}"
        echo -n "DAYS = {"
        for k in $(seq 0 $((days - 1))); do printf '"%s",' "$(TZ=Asia/Shanghai date -d "$today - $k day" +%F)"; done
        echo "}"
    } > "$file"
}

# prime_users <prefix> <from> <to> [width]: signs users <prefix>NNN in once, 4 at a time, so that the load
# phases meet the password memo (PBKDF2 is paid here, not inside the measured phases).
prime_users() {
    python3 - "$BASE" "$@" <<'PY'
import sys, base64, urllib.request, concurrent.futures
base, prefix, lo, hi = sys.argv[1], sys.argv[2], int(sys.argv[3]), int(sys.argv[4])
width = int(sys.argv[5]) if len(sys.argv) > 5 else 5
def sign_in(i):
    auth = base64.b64encode(("%s%0*d:loopgate123" % (prefix, width, i)).encode()).decode()
    req = urllib.request.Request(base + "/api/v1/me", headers={"Authorization": "Basic " + auth})
    with urllib.request.urlopen(req, timeout=60) as r:
        return r.status
with concurrent.futures.ThreadPoolExecutor(4) as pool:
    bad = [s for s in pool.map(sign_in, range(lo, hi + 1)) if s != 200]
if bad:
    sys.exit("sign-in failed for %d users" % len(bad))
PY
}

# The classpath of src/bench/SealResidentIds.java: the portal's classes (PersonalDataCipher) and the JDBC driver.
seal_classpath() {
    ensure_build
    [[ -s "$WORK/seal.cp" ]] || (cd "$ROOT" && mvn -B -o -q dependency:build-classpath -Dmdep.outputFile="$WORK/build.cp" >/dev/null \
        && tr : '\n' < "$WORK/build.cp" | grep -E '/postgresql-[0-9][^/]*\.jar$' > "$WORK/seal.cp")
    echo "$ROOT/target/classes:$(head -1 "$WORK/seal.cp")"
}

# seal_ids seal|check [samples]: runs src/bench/SealResidentIds.java on $BENCH_DB with the portal's personal-data
# keys: LOOPGATE_PII_KEYS/_ACTIVE_KEY/_INDEX_KEY when set (start_portal passes them on), else the key file the
# portal generated in its data directory on the benchmark's embedded-database start.
seal_ids() {
    java -Xmx256m -cp "$(seal_classpath)" "$BENCH_DIR/SealResidentIds.java" "$1" \
        "jdbc:postgresql://$PGHOST:$PGPORT/$BENCH_DB" "$PGUSER" "$PGPASSWORD" "$WORK/data/pii-keys.properties" "${@:2}"
}

# qr_texts <out.lua> [<out2.lua> <count1>]: reads "permitId username" lines on stdin and writes the permits' QR texts
# (GET /api/v1/permits/{id} as the firm's own manager, password loopgate123: only they may read them) as the lua
# data file of gate.lua (QR = {...}); with a second file, the first <count1> texts go to the first, the rest to the
# second. One user at a time per thread, so a first sign-in is not raced by the same user.
qr_texts() {
    python3 -c '
import sys, json, base64, urllib.request, concurrent.futures
base, outs = sys.argv[1], sys.argv[2:]
byuser, order = {}, []
for l in sys.stdin:
    if l.strip():
        pid, user = l.split()
        byuser.setdefault(user, []).append(pid)
        order.append(pid)
def qrs(user):
    auth = "Basic " + base64.b64encode((user + ":loopgate123").encode()).decode()
    got = {}
    for pid in byuser[user]:
        req = urllib.request.Request(base + "/api/v1/permits/" + pid, headers={"Authorization": auth, "Accept": "application/json"})
        with urllib.request.urlopen(req, timeout=60) as r:
            got[pid] = json.load(r)["qr"]
    return got
codes = {}
with concurrent.futures.ThreadPoolExecutor(4) as pool:
    for got in pool.map(qrs, sorted(byuser)):
        codes.update(got)
texts = [codes[p] for p in order]
parts = [(outs[0], texts)] if len(outs) == 1 else [(outs[0], texts[:int(outs[2])]), (outs[1], texts[int(outs[2]):])]
for path, part in parts:
    with open(path, "w") as f:
        f.write("QR = {" + ",".join("\"%s\"" % c for c in part) + "}\n")
print("QR texts: %d" % len(texts))' "$BASE" "$@" >&2
}

# ensure_bench_gates: gates bench-gate-1 and -2 of park BP01 with bench-guard on duty; BP01 admits other parks'
# permits (the benchmark's codes are of firms in all 30 parks), so every scan takes the whole path to its verdict.
ensure_bench_gates() {
    psql -X -q -d "$BENCH_DB" -c "insert into gate (park_id, name, created_at) select p.id, 'bench-gate-' || n, now()
          from park p cross join generate_series(1, 2) n where p.code = 'BP01' on conflict do nothing" \
        -c "insert into gate_guard (gate_id, user_id) select g.id, u.id from gate g join park p on p.id = g.park_id
          cross join app_user u where p.code = 'BP01' and g.name like 'bench-gate-%' and u.username = 'bench-guard'
          on conflict do nothing" \
        -c "update park set admits_other_parks = true where code = 'BP01'"
}
