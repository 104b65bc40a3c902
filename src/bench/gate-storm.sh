#!/usr/bin/env bash
# The gate under an alert storm (issue 19, item 13): do valid scans keep their rate while a replayed revoked
# card and forged codes (altered genuine cards, unreadable texts) are scanned as fast as the portal answers?
# A small database of its own (one park, one firm, 2,000 cards; no city needed), dropped and re-created:
#
#   src/bench/gate-storm.sh                                  # this build, database loopgate_storm
#   BENCH_WAR=/tmp/old.war BENCH_DB=loopgate_storm_old src/bench/gate-storm.sh   # an older build, same phases
#
# Phases (BENCH_DURATION seconds each, default 20), all with wrk and src/bench/gate.lua:
#   valid alone (BENCH_STORM_VALID clients, 8) | valid + a storm of 2 clients | valid + a storm of 8 clients |
#   the storm alone (8 clients)
# Writes target/bench/storm-results.md (and prints it), with the alert notifications the storm left behind.
# Its own database (never the city's loopgate_bench, which lib.sh would default to): set before lib.sh.
export BENCH_DB="${BENCH_DB:-loopgate_storm}"
source "$(dirname "$0")/lib.sh"
trap stop_portal EXIT
DUR="${BENCH_DURATION:-20}"
VALID_CLIENTS="${BENCH_STORM_VALID:-8}"
AUTH_PLAIN=loopgate123
export BENCH_STATS_LUA="$BENCH_DIR/stats.lua" BENCH_THREADS=2
OUT="$WORK/storm-results.md"
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
GATES=$(psql -X -Atd "$BENCH_DB" -c "select to_regclass('gate') is not null")
log "seeding: one park, one firm, 2,000 cards, a guard, 3 liaison officers, 2 administrators (gates: $GATES)"
psql -X -q -v ON_ERROR_STOP=1 -v hash="$HASH" -d "$BENCH_DB" <<'SQL'
insert into district (code, name) values ('SD', '风暴区');
insert into park (district_id, code, name) select id, 'SP01', '风暴园区' from district where code = 'SD';
insert into firm (park_id, credit_code, name, above_size, four_above, industry, registered_staff, legal_rep, contact_name,
                  contact_phone, address, registered_on)
select id, '91320583STORM0001X', '风暴测试有限公司', true, 'INDUSTRY', 'MACHINERY', 3000, '法人', '联系人', '13900000000', '风暴路1号',
       current_date - 365 from park where code = 'SP01';
insert into app_user (username, display_name, password_hash, role, firm_id)
select 'bench-mgr-001', '压测经理', :'hash', 'FIRM_MANAGER', id from firm;
insert into app_user (username, display_name, password_hash, role, email)
values ('bench-guard', 'Bench guard', :'hash', 'GUARD', null),
       ('storm-admin-1', '管理员1', :'hash', 'ADMIN', null), ('storm-admin-2', '管理员2', :'hash', 'ADMIN', null),
       ('storm-liaison-1', '联络员1', :'hash', 'LIAISON', null), ('storm-liaison-2', '联络员2', :'hash', 'LIAISON', null),
       ('storm-liaison-3', '联络员3', :'hash', 'LIAISON', null);
insert into user_park (user_id, park_id) select u.id, p.id from app_user u, park p where u.username like 'storm-liaison-%';
insert into permit (type, number, firm_id, park_id, holder_name, holder_digest, valid_from, valid_to, issued_at, issued_by)
select 'CARD', 'WL-SP01-' || lpad(n::text, 6, '0'), f.id, f.park_id, '工人' || n,
       encode(sha256(convert_to('CARD:11010519900101' || lpad(n::text, 4, '0'), 'UTF8')), 'hex'),
       now() - interval '1 day', now() + interval '30 days', now() - interval '2 days', 'bench'
from firm f cross join generate_series(1, 2000) n;
SQL
if [[ "$GATES" == t ]]; then
    # Gates belong to parks and the guard scans only at their gates (issue 19): gate.lua names bench-gate-1 and -2.
    psql -X -q -v ON_ERROR_STOP=1 -d "$BENCH_DB" -c "insert into gate (park_id, name, created_at)
        select p.id, 'bench-gate-' || n, now() from park p cross join generate_series(1, 2) n" -c "insert into gate_guard (gate_id, user_id)
        select g.id, u.id from gate g, app_user u where u.username = 'bench-guard'"
fi

log "reading the QR texts of the 2,000 cards as the firm's manager"
psql -X -Atd "$BENCH_DB" -c "select id from permit order by id" | python3 -c '
import sys, json, base64, urllib.request, concurrent.futures
base, valid_out, storm_out = sys.argv[1], sys.argv[2], sys.argv[3]
ids = [l.strip() for l in sys.stdin if l.strip()]
auth = base64.b64encode(b"bench-mgr-001:loopgate123").decode()
urllib.request.urlopen(urllib.request.Request(base + "/api/v1/me", headers={"Authorization": "Basic " + auth}), timeout=60).read()
def qr(pid):
    req = urllib.request.Request(base + "/api/v1/permits/" + pid, headers={"Authorization": "Basic " + auth, "Accept": "application/json"})
    with urllib.request.urlopen(req, timeout=60) as r:
        return pid, json.load(r)["qr"]
with concurrent.futures.ThreadPoolExecutor(4) as pool:
    codes = list(pool.map(qr, ids))
valid = [c for _, c in codes[:1800]]
# The storm: the 200 last cards (revoked below, replayed), the same cards with one signature bit flipped
# (altered genuine cards: FORGED, naming a real permit) and unreadable texts (FORGED, naming none), interleaved.
def flip(c):
    raw = bytearray(base64.urlsafe_b64decode(c[4:] + "=="))
    raw[70] ^= 1
    return "LG1:" + base64.urlsafe_b64encode(bytes(raw)).decode().rstrip("=")
storm = []
for i, (_, c) in enumerate(codes[1800:]):
    storm += [c, flip(c), "LG1:not-a-permit-%d" % i]
for path, qrs in ((valid_out, valid), (storm_out, storm)):
    with open(path, "w") as f:
        f.write("QR = {" + ",".join("\"%s\"" % q for q in qrs) + "}\n")
print("valid %d, storm %d" % (len(valid), len(storm)))' "$BASE" "$WORK/storm-valid.lua" "$WORK/storm-codes.lua" >&2
psql -X -q -d "$BENCH_DB" -c "update permit set status = 'REVOKED', revoked_at = now(), revoke_reason = 'bench'
    where id in (select id from permit order by id desc limit 200)"
curl -s -o /dev/null -u "bench-guard:$AUTH_PLAIN" "$BASE/api/v1/me"
export BENCH_AUTH; BENCH_AUTH="Basic $(printf 'bench-guard:%s' "$AUTH_PLAIN" | base64 -w0)"

run() { # run <data file> <clients> <seconds>: the STATS line
    BENCH_GATE_DATA="$1" wrk -t2 -c"$2" -d"$3s" --timeout 10s -s "$BENCH_DIR/gate.lua" "$BASE" | grep '^STATS'
}
log "warm-up: ${BENCH_WARMUP:-60}s of valid scans and a storm together"
# (wait for the storm's wrk by its pid: a bare wait would wait for the portal too)
run "$WORK/storm-codes.lua" 4 "${BENCH_WARMUP:-60}" >/dev/null & STORM_PID=$!
run "$WORK/storm-valid.lua" "$VALID_CLIENTS" "${BENCH_WARMUP:-60}" >&2
wait "$STORM_PID"
sleep 10
{
    echo "# Gate under an alert storm $(date -u +%Y-%m-%dT%H:%MZ) ($(basename "${BENCH_WAR:-target/loopgate.war}"))"
    echo
    echo "Machine: $(nproc) cores, load average at start $(cut -d' ' -f1-3 /proc/loadavg) (shared). ${DUR} s per phase;"
    echo "valid: $VALID_CLIENTS clients scanning 1,800 valid cards; storm: a replayed revoked card, the same card with one"
    echo "signature bit flipped, and an unreadable text, in turn, over 200 revoked cards."
    echo
    echo "| phase | valid scans | storm scans |"
    echo "|---|---|---|"
} > "$OUT"
log "valid alone"
V0=$(run "$WORK/storm-valid.lua" "$VALID_CLIENTS" "$DUR"); log "$V0"
echo "| valid alone | $(field rps "$V0")/s, p99 $(field p99 "$V0") ms;$(statuses "$V0") | - |" >> "$OUT"
for S in 2 8; do
    log "valid with a storm of $S clients"
    run "$WORK/storm-codes.lua" "$S" "$DUR" > "$WORK/storm.out" & STORM_PID=$!
    V=$(run "$WORK/storm-valid.lua" "$VALID_CLIENTS" "$DUR"); wait "$STORM_PID"; ST=$(cat "$WORK/storm.out")
    log "$V"; log "$ST"
    echo "| valid + storm of $S clients | $(field rps "$V")/s ($(python3 -c "print(round(100*$(field rps "$V")/$(field rps "$V0"),1))") % of alone), p99 $(field p99 "$V") ms;$(statuses "$V") | $(field rps "$ST")/s, p99 $(field p99 "$ST") ms;$(statuses "$ST") |" >> "$OUT"
done
log "storm alone"
S0=$(run "$WORK/storm-codes.lua" 8 "$DUR"); log "$S0"
echo "| storm alone, 8 clients | - | $(field rps "$S0")/s, p99 $(field p99 "$S0") ms;$(statuses "$S0") |" >> "$OUT"
sleep 12
{
    echo
    echo "Afterwards: $(psql -X -Atd "$BENCH_DB" -c "select format('%s scans logged (%s REVOKED, %s FORGED); %s gate-alert notification rows for %s recipients',
        (select count(*) from gate_scan), (select count(*) from gate_scan where result = 'REVOKED'),
        (select count(*) from gate_scan where result = 'FORGED'), (select count(*) from notification where kind = 'GATE_ALERT'),
        (select count(distinct recipient_id) from notification where kind = 'GATE_ALERT'))")$(
        [[ "$GATES" == t ]] && psql -X -Atd "$BENCH_DB" -c "select format(', counting %s events', sum(occurrences)) from notification where kind = 'GATE_ALERT'")."
    echo "Load average at the end: $(cut -d' ' -f1-3 /proc/loadavg)."
} >> "$OUT"
stop_portal
cat "$OUT"
