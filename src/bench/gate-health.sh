#!/usr/bin/env bash
# The gate's person check (issue 20): does a park health policy slow the scan? Scan throughput with the park's
# policy "not required" (no policy row: the default) against a 48-hour interval that refuses an overdue test, in
# the same run, alternating A B A B so that the machine's changing load hits both alike. A small database of its
# own (one park, one firm, 2,000 workers each with a card and a negative test 5 hours old), dropped and re-created:
#
#   src/bench/gate-health.sh                                   # this build, database loopgate_gatehealth
#   BENCH_DURATION=30 BENCH_CLIENTS=16 src/bench/gate-health.sh
#
# Writes target/bench/gate-health-results.md (and prints it), with the load average before each phase (other
# processes share the machine: read the figures against it).
export BENCH_DB="${BENCH_DB:-loopgate_gatehealth}"
source "$(dirname "$0")/lib.sh"
trap stop_portal EXIT
DUR="${BENCH_DURATION:-20}"
CLIENTS="${BENCH_CLIENTS:-8}"
AUTH_PLAIN=loopgate123
export BENCH_STATS_LUA="$BENCH_DIR/stats.lua" BENCH_THREADS=2
OUT="$WORK/gate-health-results.md"
field() { sed -n "s/.* $1=\([^ ]*\).*/\1/p" <<< "$2"; }
statuses() { grep -o ' s[0-9a-z_A-Z]*=[0-9]*' <<< "$1" | tr -d '\n'; }

command -v wrk >/dev/null || { log "installing wrk"; apt-get install -y -q wrk >/dev/null; }
log "re-creating database $BENCH_DB"
dropdb --if-exists "$BENCH_DB"
createdb "$BENCH_DB"
start_portal

HASH=$(python3 -c '
import hashlib, os, base64
s = os.urandom(32)
h = hashlib.pbkdf2_hmac("sha256", b"loopgate123", s, 210000, 32)
print("PBKDF2WithHmacSHA256:210000:%s:%s" % (base64.b64encode(s).decode(), base64.b64encode(h).decode()))')
log "seeding: one park, two gates, one firm, 2,000 workers with a card and a negative test each, a guard"
# The workers' sealed ID columns hold placeholders: the gate reads a card's worker by id and never decrypts an ID.
psql -X -q -v ON_ERROR_STOP=1 -v hash="$HASH" -d "$BENCH_DB" <<'SQL'
insert into district (code, name) values ('HD', '健康区');
insert into park (district_id, code, name) select id, 'HP01', '健康压测园区' from district where code = 'HD';
insert into firm (park_id, credit_code, name, above_size, four_above, industry, registered_staff, legal_rep, contact_name,
                  contact_phone, address, registered_on)
select id, '91320583HEALTH001X', '健康压测有限公司', true, 'INDUSTRY', 'MACHINERY', 3000, '法人', '联系人', '13900000000', '健康路1号',
       current_date - 365 from park where code = 'HP01';
insert into app_user (username, display_name, password_hash, role, firm_id)
select 'bench-mgr-001', '压测经理', :'hash', 'FIRM_MANAGER', id from firm;
insert into app_user (username, display_name, password_hash, role) values ('bench-guard', 'Bench guard', :'hash', 'GUARD');
insert into gate (park_id, name, created_at) select p.id, 'bench-gate-' || n, now() from park p cross join generate_series(1, 2) n;
insert into gate_guard (gate_id, user_id) select g.id, u.id from gate g, app_user u where u.username = 'bench-guard';
insert into worker (firm_id, name, phone, status, resident_id_enc, resident_id_index, resident_id_tail)
select f.id, '工人' || n, '139' || lpad(n::text, 8, '0'), 'ACTIVE', 'bench-sealed-' || n, md5('bench-' || n), md5('tail-' || n)
from firm f cross join generate_series(1, 2000) n;
insert into permit (type, number, firm_id, park_id, subject_id, holder_name, holder_digest, valid_from, valid_to, issued_at, issued_by)
select 'CARD', 'WL-HP01-' || lpad(row_number() over (order by w.id)::text, 6, '0'), f.id, f.park_id, w.id, w.name,
       encode(sha256(convert_to('CARD:' || w.id, 'UTF8')), 'hex'), now() - interval '1 day', now() + interval '30 days',
       now() - interval '2 days', 'bench'
from worker w join firm f on f.id = w.firm_id;
insert into health_test (worker_id, firm_id, park_id, sampled_at, result, site, source, entered_by, entered_at)
select w.id, f.id, f.park_id, now() - interval '5 hours', 'NEGATIVE', '压测采样点', 'IMPORT', 'bench', now()
from worker w join firm f on f.id = w.firm_id;
analyze;
SQL

log "reading the QR texts of the 2,000 cards as the firm's manager"
psql -X -Atd "$BENCH_DB" -c "select id from permit order by id" | python3 -c '
import sys, json, base64, urllib.request, concurrent.futures
base, out = sys.argv[1], sys.argv[2]
ids = [l.strip() for l in sys.stdin if l.strip()]
auth = base64.b64encode(b"bench-mgr-001:loopgate123").decode()
urllib.request.urlopen(urllib.request.Request(base + "/api/v1/me", headers={"Authorization": "Basic " + auth}), timeout=60).read()
def qr(pid):
    req = urllib.request.Request(base + "/api/v1/permits/" + pid, headers={"Authorization": "Basic " + auth, "Accept": "application/json"})
    with urllib.request.urlopen(req, timeout=60) as r:
        return json.load(r)["qr"]
with concurrent.futures.ThreadPoolExecutor(4) as pool:
    codes = list(pool.map(qr, ids))
with open(out, "w") as f:
    f.write("QR = {" + ",".join("\"%s\"" % q for q in codes) + "}\n")
print("cards %d" % len(codes))' "$BASE" "$WORK/gate-health-codes.lua" >&2
curl -s -o /dev/null -u "bench-guard:$AUTH_PLAIN" "$BASE/api/v1/me"
export BENCH_AUTH; BENCH_AUTH="Basic $(printf 'bench-guard:%s' "$AUTH_PLAIN" | base64 -w0)"

run() { # run <clients> <seconds>: the STATS line
    BENCH_GATE_DATA="$WORK/gate-health-codes.lua" wrk -t2 -c"$1" -d"$2s" --timeout 10s -s "$BENCH_DIR/gate.lua" "$BASE" | grep '^STATS'
}
no_policy() { psql -X -q -d "$BENCH_DB" -c "delete from health_policy"; }
policy_48h() {
    psql -X -q -d "$BENCH_DB" -c "insert into health_policy (park_id, test_interval_hours, overdue_action, fever_threshold, suspend_firm,
        set_at, set_by) select id, 48, 'REFUSE', 37.3, false, now(), 'bench' from park where code = 'HP01'"
}
log "warm-up: ${BENCH_WARMUP:-30}s"
run "$CLIENTS" "${BENCH_WARMUP:-30}" >/dev/null
{
    echo "# Gate scans with and without a park health policy $(date -u +%Y-%m-%dT%H:%MZ) ($(basename "${BENCH_WAR:-target/loopgate.war}"))"
    echo
    echo "Machine: $(nproc) cores, shared. ${DUR} s per phase, $CLIENTS clients scanning 2,000 valid cards (each worker's"
    echo "negative test 5 hours old), phases alternating; load average (1, 5, 15 min) read before each phase."
    echo
    echo "| phase | policy | scans | load before |"
    echo "|---|---|---|---|"
} > "$OUT"
for round in 1 2; do
    for p in none 48h; do
        if [[ "$p" == none ]]; then no_policy; else no_policy; policy_48h; fi
        LOAD=$(cut -d' ' -f1-3 /proc/loadavg)
        log "round $round, policy $p (load $LOAD)"
        R=$(run "$CLIENTS" "$DUR"); log "$R"
        echo "| $round | $([[ $p == none ]] && echo 'not required' || echo '48 h, REFUSE') | $(field rps "$R")/s, p50 $(field p50 "$R") ms, p99 $(field p99 "$R") ms;$(statuses "$R") | $LOAD |" >> "$OUT"
    done
done
echo >> "$OUT"
echo "Load average at the end: $(cut -d' ' -f1-3 /proc/loadavg)." >> "$OUT"
stop_portal
cat "$OUT"
