#!/usr/bin/env bash
# Runs the benchmarks of issue 9 against a database filled by src/bench/generate-city.sh, each figure beside
# the limit it is compared to, in the same run. One command:
#
#   src/bench/run.sh                       # BENCH_DB=loopgate_bench on 127.0.0.1:5432
#   BENCH_DURATION=30 src/bench/run.sh     # seconds per load phase (default 20)
#   BENCH_PHASES=dashboard src/bench/run.sh # only some phases: start, signin, reports, dashboard, pdf, import, queue (default all)
#   BENCH_BASELINE_WAR=/path/old.war BENCH_PHASES=dashboard src/bench/run.sh
#                                          # the dashboard phases against an older WAR first, then this build
#
# Writes target/bench/results.md (and prints it). Needs wrk (installed with apt-get when missing),
# pgbench and psql (postgresql-client), curl, python3, java.
source "$(dirname "$0")/lib.sh"
trap stop_portal EXIT
DUR="${BENCH_DURATION:-20}"
CONC="${BENCH_CLIENTS:-200}"
PGB_CLIENTS="${BENCH_PGBENCH_CLIENTS:-32}"
AUTH_PLAIN=loopgate123
export BENCH_STATS_LUA="$BENCH_DIR/stats.lua" BENCH_THREADS=2
OUT="$WORK/results.md"
PHASES=",${BENCH_PHASES:-start,signin,reports,dashboard,pdf,import,queue},"
phase() { [[ "$PHASES" == *",$1,"* ]]; }

if ! command -v wrk >/dev/null; then
    log "installing wrk"; apt-get install -y -q wrk >/dev/null
fi
[[ "$(psql -X -Atd "$BENCH_DB" -c 'select count(*) from firm' 2>/dev/null || echo 0)" -ge 20000 ]] \
    || { echo "database $BENCH_DB has no city: run src/bench/generate-city.sh first" >&2; exit 1; }

basic() { printf 'Basic %s' "$(printf '%s:%s' "$1" "$AUTH_PLAIN" | base64 -w0)"; }
# stats <label> <limit> <target> <wrk output>: one table row from wrk's STATS line.
row() { printf '| %s | %s | %s | %s |\n' "$1" "$2" "$3" "$4" >> "$OUT"; }
field() { sed -n "s/.* $1=\([^ ]*\).*/\1/p" <<< "$2"; }

{
    echo "# Benchmark run $(date -u +%Y-%m-%dT%H:%MZ)"
    echo
    echo "Machine: $(nproc) cores ($(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs)), $(free -g | awk '/Mem:/{print $2}') GB RAM,"
    echo "load average at start $(cut -d' ' -f1-3 /proc/loadavg) (shared machine: other developers' builds and tests run meanwhile)."
    echo "PostgreSQL: $(psql -X -Atd "$BENCH_DB" -c 'show server_version') on $PGHOST:$PGPORT, shared_buffers $(psql -X -Atd "$BENCH_DB" -c 'show shared_buffers');"
    echo "database $BENCH_DB: $(psql -X -Atd "$BENCH_DB" -c "select format('%s firms, %s workers, %s reports, %s permits', (select count(*) from firm), (select count(*) from worker), (select count(*) from daily_report), (select count(*) from permit))")."
    echo "Java: $(java -version 2>&1 | head -1). Load phases: ${DUR} s each."
    echo
    echo "| what | measured | limit / baseline measured in this run | target |"
    echo "|---|---|---|---|"
} > "$OUT"

# ---- (g) run command -> first page ---------------------------------------------------------------------
if phase start || phase signin || phase reports; then start_portal; fi
phase start && row "(g) launch -> first page (/login.xhtml 200), Payara Micro + WAR, external PostgreSQL" "${START_SECONDS} s" "-" "< 30 s warm"

if phase signin; then
# ---- prime the password memo of the benchmark users (PBKDF2, 210,000 iterations, ~0.2 s each) -----------
log "signing in 200 managers + analyst once (PBKDF2 memo)"
t0=$(date +%s.%N)
{ for i in $(seq -w 1 200); do echo "bench-mgr-$(printf '%03d' $((10#$i)))"; done; echo bench-analyst; echo bench-guard; } |
    xargs -P 4 -I{} curl -s -o /dev/null -u "{}:$AUTH_PLAIN" "$BASE/api/v1/me"
PRIME=$(python3 -c "print(round($(date +%s.%N) - $t0, 1))")
row "first sign-in of 202 users (PBKDF2 210k iterations), 4 at a time" "${PRIME} s ($(python3 -c "print(round(202/$PRIME,1))")/s)" "-" "-"

fi

if phase reports; then
# ---- (a) daily-report submissions vs pgbench single-row inserts ----------------------------------------
TODAY=$(TZ=Asia/Shanghai date +%F)
DATA="$WORK/reports-data.lua"
{
    echo "FIRMS = {$(psql -X -Atd "$BENCH_DB" -c "select string_agg(firm_id::text, ',' order by username) from app_user where username like 'bench-mgr-%'")}"
    echo -n "AUTH = {"
    for i in $(seq 1 200); do printf '"%s",' "$(basic "bench-mgr-$(printf '%03d' "$i")")"; done
    echo "}"
    echo -n "DAYS = {"
    for k in 0 1 2 3 4 5 6 7; do printf '"%s",' "$(TZ=Asia/Shanghai date -d "$TODAY - $k day" +%F)"; done
    echo "}"
} > "$DATA"
export BENCH_REPORT_DATA="$DATA"
# Re-runnable: the benchmark firms' reports of the 8 days the load files are removed first.
psql -X -q -d "$BENCH_DB" <<SQL
delete from daily_report_revision where report_id in (select r.id from daily_report r join app_user u on u.firm_id = r.firm_id
    where u.username like 'bench-mgr-%' and r.report_date >= date '$TODAY' - 7);
delete from daily_report r using app_user u where u.firm_id = r.firm_id and u.username like 'bench-mgr-%'
    and r.report_date >= date '$TODAY' - 7;
SQL
log "wrk: $CONC clients filing reports for ${DUR}s"
W=$(wrk -t2 -c"$CONC" -d"${DUR}s" --timeout 10s -s "$BENCH_DIR/reports.lua" "$BASE" | grep '^STATS')
log "$W"
psql -X -q -d "$BENCH_DB" -c "drop table if exists bench_insert" -c \
    "create table bench_insert (id bigserial primary key, firm_id bigint not null, day date not null, n int not null, at timestamptz not null default now())"
printf 'insert into bench_insert (firm_id, day, n) values (:client_id, current_date, 0);\n' > "$WORK/insert.sql"
log "pgbench: $PGB_CLIENTS clients, single-row inserts for ${DUR}s"
P=$(pgbench -n -c "$PGB_CLIENTS" -j 2 -T "$DUR" -f "$WORK/insert.sql" -r "$BENCH_DB" 2>&1)
PTPS=$(sed -n 's/^tps = \([0-9.]*\).*/\1/p' <<< "$P" | head -1)
PLAT=$(sed -n 's/^latency average = \([0-9.]*\).*/\1/p' <<< "$P")
psql -X -q -d "$BENCH_DB" -c "drop table bench_insert"
RPS=$(field rps "$W")
row "(a) daily reports POST /api/v1/firms/{id}/reports, $CONC clients (wrk), 200 firms x 8 days: statuses$(grep -o ' s[0-9][0-9][0-9]=[0-9]*' <<< "$W" | tr -d '\n') (201 created, 200 re-filed), socket errors $(field errors "$W")" \
    "${RPS}/s, p50 $(field p50 "$W") ms, p95 $(field p95 "$W") ms, p99 $(field p99 "$W") ms" \
    "pgbench single-row INSERT, $PGB_CLIENTS clients (= the portal pool): ${PTPS} TPS, avg ${PLAT} ms; ratio $(python3 -c "print(round(100*$RPS/$PTPS,1))") %" \
    ">= 50 % of pgbench TPS, p99 < 100 ms"
fi

# ---- (b), (c) dashboard ------------------------------------------------------------------------------
TODAY=$(TZ=Asia/Shanghai date +%F)
YDAY=$(TZ=Asia/Shanghai date -d "$TODAY - 1 day" +%F)
FIRST=$(TZ=Asia/Shanghai date -d "$TODAY - 90 day" +%F)
PARK=$(psql -X -Atd "$BENCH_DB" -c "select id from park where code = 'BP01'")
export BENCH_AUTH; BENCH_AUTH=$(basic bench-analyst)
get() { # get <label> <path> <target> [connections]
    export BENCH_PATH="$2"
    log "wrk: GET $2 for ${DUR}s"
    local s; s=$(wrk -t1 -c"${4:-1}" -d"${DUR}s" --timeout 60s -s "$BENCH_DIR/get.lua" "$BASE" | grep '^STATS')
    log "$s"
    row "$1 \`$2\`, ${4:-1} client(s): n=$(field n "$s"), statuses $(grep -o ' s[0-9][0-9][0-9]=[0-9]*' <<< "$s" | tr -d '\n')" \
        "p50 $(field p50 "$s") ms, p95 $(field p95 "$s") ms, max $(field max "$s") ms" "-" "$3"
}
dashboard_phases() { # dashboard_phases <label prefix>
    local L="$1"
    # Warm-up (JIT, pool, caches) alike for every build: 10 requests of each one-day path, not measured.
    for p in "figures?day=$YDAY" "figures?day=$YDAY&parkId=$PARK" "parks?day=$YDAY"; do
        for _ in $(seq 1 10); do curl -s -o /dev/null -H "Authorization: $BENCH_AUTH" "$BASE/api/v1/dashboard/$p"; done
    done
get "$L(b) bureau overview, city figures for a day" "/api/v1/dashboard/figures?day=$YDAY" "p95 < 150 ms"
get "$L(b) park drill-down: the park's figures" "/api/v1/dashboard/figures?day=$YDAY&parkId=$PARK" "p95 < 150 ms"
get "$L(b) park comparison (all 30 parks for a day)" "/api/v1/dashboard/parks?day=$YDAY" "p95 < 150 ms"
# Requests of several seconds: sequential curl samples instead of wrk (whose percentiles need many requests).
samples() { # samples <label> <path> <target> <count>
    log "curl: GET $2 x $4"
    local times=()
    for _ in $(seq 1 "$4"); do
        times+=("$(curl -s -o /dev/null -w '%{http_code} %{time_total}' -H "Authorization: $BENCH_AUTH" "$BASE$2")")
    done
    local summary; summary=$(printf '%s\n' "${times[@]}" | python3 -c '
import sys, math
rows = [l.split() for l in sys.stdin if l.strip()]
t = sorted(float(r[1]) * 1000 for r in rows)
p = lambda q: t[min(len(t) - 1, math.ceil(q * len(t)) - 1)]
print("n=%d statuses %s | p50 %.0f ms, p95 %.0f ms, max %.0f ms" % (len(t), ",".join(sorted(set(r[0] for r in rows))), p(0.5), p(0.95), t[-1]))')
    log "$summary"
    row "$1 \`$2\`, 1 client: ${summary%%|*}" "${summary##*| }" "-" "$3"
}
samples "$L(c) 90-day city trend" "/api/v1/dashboard/trend?from=$FIRST&to=$YDAY" "p95 < 300 ms" "${BENCH_TREND_SAMPLES:-5}"
row "$L load average after the dashboard phases" "$(cut -d' ' -f1-3 /proc/loadavg)" "-" "-"
}
# The daily aggregate (V9_1) is filled in the background after a start: measure once it is complete.
wait_aggregates() {
    [[ "$(psql -X -Atd "$BENCH_DB" -c "select to_regclass('daily_figure_stamp') is not null")" == t ]] || return 0
    local want; want=$(psql -X -Atd "$BENCH_DB" -c "select count(*) * (date '$YDAY' - date '$FIRST' + 1) from park")
    local t0; t0=$(date +%s.%N)
    # Until complete, or no progress for 20 s (after the reports phase some days are stale until the hourly
    # fill: readers rebuild those themselves).
    local have prev=-1 still=0
    for _ in $(seq 1 600); do
        have=$(psql -X -Atd "$BENCH_DB" -c "select count(*) from daily_figure_stamp where built_gen = gen and day between '$FIRST' and '$YDAY'")
        [[ "$have" -ge "$want" ]] && break
        if [[ "$have" == "$prev" ]]; then still=$((still + 1)); else still=0; fi
        [[ "$still" -ge 20 && "$have" -gt 0 ]] && break
        prev=$have
        sleep 1
    done
    FILL_SECONDS=$(python3 -c "print(round($(date +%s.%N) - $t0, 1))")
    log "daily aggregate complete (waited ${FILL_SECONDS}s)"
}
if phase dashboard; then
    if [[ -n "${BENCH_BASELINE_WAR:-}" ]]; then
        stop_portal
        BENCH_WAR="$BENCH_BASELINE_WAR" start_portal
        dashboard_phases "baseline $(basename "$BENCH_BASELINE_WAR"): "
        stop_portal
    fi
    [[ -n "${PORTAL_PID:-}" ]] || start_portal
    wait_aggregates
    row "this build: waited for the background fill of the daily aggregate after start" "${FILL_SECONDS:-0} s" "-" "-"
    dashboard_phases "this build: "
fi
# (e) 1,000-card PDF, (f) 10,000-row import, the liaison's approval queue: src/bench/bulk.sh
if phase pdf || phase import || phase queue; then
    [[ -n "${PORTAL_PID:-}" ]] || start_portal
    source "$BENCH_DIR/bulk.sh" && bulk_phases
fi

stop_portal
echo >> "$OUT"
echo "Load average at the end: $(cut -d' ' -f1-3 /proc/loadavg)." >> "$OUT"
cat "$OUT"
