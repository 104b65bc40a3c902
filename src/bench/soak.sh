#!/usr/bin/env bash
# The soak of issue 10: daily reports filed without pause for SOAK_MINUTES (10) by BENCH_CLIENTS (200) wrk
# connections - the load of benchmark (a) - while the portal's heap after a full GC is sampled every minute;
# then every acknowledged filing is looked up in the database. Needs a city (generate-city.sh) in a database
# it may write to: it adds filer users and deletes the filer firms' reports of the 8 days that may be filed.
#
#   createdb -T loopgate_bench loopgate_bench_soak && BENCH_DB=loopgate_bench_soak src/bench/soak.sh
#   SOAK_MINUTES (10) SOAK_FILERS (20000 firms) SOAK_PRIME (0) BENCH_CLIENTS (200) BENCH_HTTP_THREADS (32)
#
# Pass criteria (exit 1 otherwise): no socket error, no answer other than 201/200, every acknowledged
# (firm, day) present exactly once with the filed facts, no (firm, day) acknowledged as created twice.
# Writes target/bench/soak.md.
source "$(dirname "$0")/lib.sh"
trap stop_portal EXIT
MINUTES="${SOAK_MINUTES:-10}"
CONC="${BENCH_CLIENTS:-200}"
FILERS="${SOAK_FILERS:-20000}"
OUT="$WORK/soak.md"
REC="$WORK/soak-acks"
export BENCH_STATS_LUA="$BENCH_DIR/stats.lua" BENCH_THREADS=2

command -v wrk >/dev/null || { log "installing wrk"; apt-get install -y -q wrk >/dev/null; }
[[ "$(psql -X -Atd "$BENCH_DB" -c 'select count(*) from firm' 2>/dev/null || echo 0)" -ge "$FILERS" ]] \
    || { echo "database $BENCH_DB has fewer than $FILERS firms: run src/bench/generate-city.sh first" >&2; exit 1; }

# Distinct (firm, day) pairs: FILERS firms x 8 days (today and the 7 back-fill days), so that the run files new
# reports throughout instead of re-filing a few (a re-filing of the same facts writes nothing).
ensure_filers "$FILERS"
report_data "$WORK/soak-data.lua" "$FILERS" 8
export BENCH_REPORT_DATA="$WORK/soak-data.lua" BENCH_RECORD="$REC"
rm -f "$REC".*
export BENCH_JAVA_OPTS="${BENCH_JAVA_OPTS:-} -XX:NativeMemoryTracking=summary"
start_portal
# No priming by default: each filer's first filing signs it in (PBKDF2 at 1,000 iterations, lib.sh), as an
# HR system's first call of the day would. SOAK_PRIME=1 signs them all in before the clock starts.
if [[ "${SOAK_PRIME:-0}" == 1 ]]; then
    log "signing in $FILERS filers once"
    prime_users bench-filer- 1 "$FILERS"
fi

stored() {
    psql -X -Atd "$BENCH_DB" -c "select count(*) from daily_report r join app_user u on u.firm_id = r.firm_id
        where u.username like 'bench-filer-%' and substr(u.username, 13)::int <= $FILERS and r.report_date >= date '$REPORT_FIRST_DAY'"
}
# heap_after_gc: used heap (MB) right after a full collection (jcmd GC.run, then jstat's used columns).
heap_after_gc() {
    jcmd "$PORTAL_PID" GC.run >/dev/null
    jstat -gc "$PORTAL_PID" | awk 'NR==1 {for (i = 1; i <= NF; i++) c[$i] = i} NR==2 {printf "%.0f", ($c["S0U"] + $c["S1U"] + $c["EU"] + $c["OU"]) / 1024}'
}

# memory: the process's resident set and the JVM's committed memory by area (Native Memory Tracking, summary:
# the soak starts the portal with -XX:NativeMemoryTracking=summary), in MB: "rss heap class code thread gc other total".
memory() {
    local rss nmt
    rss=$(awk '/^VmRSS:/ {printf "%.0f", $2 / 1024}' "/proc/$PORTAL_PID/status")
    nmt=$(jcmd "$PORTAL_PID" VM.native_memory summary 2>/dev/null)
    python3 -c '
import re, sys
t = sys.stdin.read()
def c(name):
    m = re.search(r"-\s*" + re.escape(name) + r" \(reserved=\d+KB, committed=(\d+)KB", t)
    return round(int(m.group(1)) / 1024) if m else 0
m = re.search(r"Total: reserved=\d+KB, committed=(\d+)KB", t)
threads = re.search(r"\(thread #(\d+)\)", t)
print(sys.argv[1], c("Java Heap"), c("Class") + c("Metaspace"), c("Code"), "%d/%s" % (c("Thread"), threads.group(1) if threads else "?"), c("GC"),
      c("Other") + c("Internal") + c("Symbol") + c("Arena Chunk") + c("Native Memory Tracking") + c("Shared class space") + c("Arguments") + c("Module") + c("Synchronizer") + c("Serviceability") + c("String Deduplication") + c("Object Monitors") + c("Safepoint") + c("Logging") + c("Tracing") + c("Compiler") + c("Synchronization"),
      round(int(m.group(1)) / 1024) if m else 0)' "$rss" <<< "$nmt"
}
memrow() { # memrow <label>: one row of the table
    read -r rss heap class code thread gc other total <<< "$(memory)"
    echo "| $1 | $(heap_after_gc) | $rss | $heap | $class | $code | $thread | $gc | $other | $total | $(stored) | $(cut -d' ' -f1 /proc/loadavg) |"
}

{
    echo "# Soak run $(date -u +%Y-%m-%dT%H:%MZ): daily reports for $MINUTES min, $CONC clients, $FILERS firms x 8 days${SOAK_MIX:+, with gate scans and dashboard reads}"
    echo
    echo "Load average at start $(cut -d' ' -f1-3 /proc/loadavg); portal started with docker/portal/jvm.options (the production"
    echo "memory budget) ${BENCH_HEAP:+-Xmx$BENCH_HEAP }${BENCH_JAVA_OPTS:-}, MALLOC_ARENA_MAX=2."
    echo
    echo "Memory columns in MB: the resident set (VmRSS) and the JVM's committed memory by area (Native Memory Tracking):"
    echo "heap, class metadata (metaspace and class space), compiled code, thread stacks (/ threads), GC structures, the rest (symbols, direct and other"
    echo "native buffers, arenas), and NMT's total."
    echo
    echo "| minute | heap used after full GC | RSS | heap | class | code | threads | GC | rest | JVM total | reports stored so far | load average (1 min) |"
    echo "|---|---|---|---|---|---|---|---|---|---|---|---|"
    memrow 0
} > "$OUT"

# SOAK_MIX=1: beside the filings, 8 gate scanners cycling 2,000 permits' QR texts and 4 analysts reading the
# bureau's dashboard figures, for the same minutes (the memory run of issue 22.5).
MIXED=()
if [[ -n "${SOAK_MIX:-}" ]]; then
    ensure_bench_gates
    ensure_filers 4000
    log "reading the QR texts of 2,000 permits as their firms' managers"
    psql -X -Atd "$BENCH_DB" -F ' ' -c "select p.id, u.username from permit p join app_user u on u.firm_id = p.firm_id
        where u.username like 'bench-filer-%' and substr(u.username, 13)::int <= 4000 and p.status = 'ACTIVE'
        order by md5(p.id::text) limit 2000" | qr_texts "$WORK/soak-gate.lua"
    for u in bench-guard bench-analyst; do curl -s -o /dev/null -u "$u:loopgate123" "$BASE/api/v1/me"; done
    BENCH_AUTH="Basic $(printf 'bench-guard:loopgate123' | base64 -w0)" BENCH_GATE_DATA="$WORK/soak-gate.lua" \
        wrk -t1 -c8 -d"$((MINUTES * 60))s" --timeout 10s -s "$BENCH_DIR/gate.lua" "$BASE" > "$WORK/soak-gate.txt" &
    MIXED+=($!)
    BENCH_AUTH="Basic $(printf 'bench-analyst:loopgate123' | base64 -w0)" BENCH_PATH="/api/v1/dashboard/figures?day=$(date -u -d yesterday +%F)" \
        wrk -t1 -c4 -d"$((MINUTES * 60))s" --timeout 10s -s "$BENCH_DIR/get.lua" "$BASE" > "$WORK/soak-dash.txt" &
    MIXED+=($!)
fi
log "wrk: $CONC clients filing reports for $MINUTES min"
wrk -t2 -c"$CONC" -d"$((MINUTES * 60))s" --timeout 10s -s "$BENCH_DIR/reports.lua" "$BASE" > "$WORK/soak-wrk.txt" 2>&1 &
WRK=$!
for m in $(seq 1 "$MINUTES"); do
    sleep 60
    row=$(memrow "$m")
    log "$row"
    echo "$row" >> "$OUT"
done
wait "$WRK" || log "wrk ended with status $?"
# wrk prints its STATS line from done(); a wrk that died (or a Lua error in done) leaves none. The check below
# still runs, on the acknowledgements recorded so far, and fails the soak with wrk's own words in the report.
W=$(grep '^STATS' "$WORK/soak-wrk.txt" || true)
if [[ -z "$W" ]]; then
    log "no STATS line from wrk: $(tail -c 600 "$WORK/soak-wrk.txt" | tr '\n' ' ')"
    { echo; echo "wrk printed no STATS line; its last output:"; echo; echo '```'; tail -n 20 "$WORK/soak-wrk.txt"; echo '```'; } >> "$OUT"
    W="STATS n=0 rps=0 errors=-1 (missing)"
fi
log "$W"
if [[ ${#MIXED[@]} -gt 0 ]]; then
    wait "${MIXED[@]}" || true
    { echo; echo "Beside the filings: gate scans $(grep '^STATS' "$WORK/soak-gate.txt" || echo '(no STATS line)')"; echo
      echo "dashboard figures $(grep '^STATS' "$WORK/soak-dash.txt" || echo '(no STATS line)')"; } >> "$OUT"
fi
sleep 5 # requests cut off by wrk's end finish on the server
memrow end >> "$OUT"

# Every acknowledged filing against the database: the filer firms' reports of the window, with their facts.
psql -X -Atd "$BENCH_DB" -F ' ' -c "select r.firm_id, r.report_date, r.revision, r.staff_on_site, r.production_status, r.submitted_by
    from daily_report r join app_user u on u.firm_id = r.firm_id
    where u.username like 'bench-filer-%' and substr(u.username, 13)::int <= $FILERS and r.report_date >= date '$REPORT_FIRST_DAY'" \
    > "$WORK/soak-db.txt"
set +e
python3 - "$REC" "$WORK/soak-db.txt" "$W" >> "$OUT" <<'PY'
import sys, glob, collections, re
rec, db, stats = sys.argv[1], sys.argv[2], sys.argv[3]
answers = collections.Counter()
created = collections.Counter()
acked = set()
for f in glob.glob(rec + ".*"):
    for line in open(f):
        status, firm, day = line.split()
        answers[status] += 1
        if status in ("200", "201"):
            acked.add((firm, day))
            if status == "201":
                created[(firm, day)] += 1
rows = collections.Counter()
bad_facts = 0
for line in open(db):
    firm, day, revision, staff, production, by = line.split()
    rows[(firm, day)] += 1
    if revision != "1" or staff != "0" or production != "STOPPED" or not by.startswith("bench-filer-"):
        bad_facts += 1
missing = [p for p in acked if rows[p] == 0]
twice = [p for p, n in rows.items() if n > 1]
created_twice = [p for p, n in created.items() if n > 1]
errors = int(re.search(r"errors=(-?\d+)", stats).group(1))
other = sum(n for s, n in answers.items() if s not in ("200", "201"))
n = int(re.search(r"\bn=(\d+)", stats).group(1))
print()
print("| requests | answers | socket errors | acknowledged (firm, day) pairs | of them found in the database | found more than once | created (201) twice | rows in the window | rows with other facts |")
print("|---|---|---|---|---|---|---|---|---|")
print("| %d (%s/s) | %s | %d | %d | %d | %d | %d | %d | %d |" % (n, re.search(r"rps=([\d.]+)", stats).group(1),
      ", ".join("%s: %d" % kv for kv in sorted(answers.items())), errors, len(acked), len(acked) - len(missing),
      len(twice), len(created_twice), sum(rows.values()), bad_facts))
print()
print("wrk: " + stats)
ok = errors == 0 and n > 0 and other == 0 and not missing and not twice and not created_twice and bad_facts == 0
print()
print("Verdict: " + ("PASS" if ok else "FAIL") + ". Rows in the window beyond the acknowledged pairs are filings the server"
      " completed after wrk stopped waiting (in flight at the end, at most one per client).")
sys.exit(0 if ok else 1)
PY
RESULT=$?
set -e
echo >> "$OUT"
echo "Load average at the end: $(cut -d' ' -f1-3 /proc/loadavg)." >> "$OUT"
cat "$OUT"
exit $RESULT
