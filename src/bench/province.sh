#!/usr/bin/env bash
# A province is ten cities (issue 22.4): how each row's cost grows from 1x to 3x and 10x the city. For each scale
# in BENCH_SCALES (default "1 3 10") a database loopgate_p<scale> is generated (src/bench/generate-city.sh with
# BENCH_SCALE; kept and reused when it is already complete), the portal is started on it, and the same rows are
# measured: the bureau overview, the park drill-down, the 90-day trend, the liaison's board, the approval queue, a
# firm's report history, gate scans, the nightly aggregate fill (the portal's fill after its start builds every
# (day, park) of the 90 days: the time it logs), the retention job of one park, and the database's size.
#
#   src/bench/province.sh                       # 1x, 3x, 10x (10x: 200,000 firms, 10,000,000 workers, ~17 M reports)
#   BENCH_SCALES="1 3" BENCH_DURATION=10 src/bench/province.sh
#
# Writes target/bench/province-results.md and target/bench/province.tsv, and plots docs/performance-province.png
# (python3-matplotlib, installed with apt-get when missing). The parks stay 30 at every scale, so a park's own
# rows (drill-down, board, queue) grow with the scale too: the hardest case, not a province's 300 parks.
source "$(dirname "$0")/lib.sh"
trap stop_portal EXIT
DUR="${BENCH_DURATION:-10}"
AUTH_PLAIN=loopgate123
export BENCH_STATS_LUA="$BENCH_DIR/stats.lua" BENCH_THREADS=1
OUT="$WORK/province-results.md"
TSV="$WORK/province.tsv"
field() { sed -n "s/.* $1=\([^ ]*\).*/\1/p" <<< "$2"; }
basic() { printf 'Basic %s' "$(printf '%s:%s' "$1" "$AUTH_PLAIN" | base64 -w0)"; }
command -v wrk >/dev/null || { log "installing wrk"; apt-get install -y -q wrk >/dev/null; }

{
    echo "# A province: 1x, 3x and 10x the city ($(date -u +%Y-%m-%dT%H:%MZ))"
    echo
    echo "Machine: $(nproc) cores, $(free -g | awk '/Mem:/{print $2}') GB; PostgreSQL $(psql -X -Atd postgres -c 'show server_version') (shared_buffers"
    echo "$(psql -X -Atd postgres -c 'show shared_buffers')), Payara Micro with docker/portal/jvm.options${BENCH_HEAP:+ and -Xmx$BENCH_HEAP}. Each GET row: 1 client, ${DUR} s, p50/p95/max in ms."
    echo
    echo "| scale | firms / workers / reports / permits | row | measured | load before |"
    echo "|---|---|---|---|---|"
} > "$OUT"
printf 'scale\trow\tp50_ms\tp95_ms\n' > "$TSV"

for SCALE in ${BENCH_SCALES:-1 3 10}; do
    export BENCH_DB="loopgate_p${SCALE//./_}"
    want_firms=$(python3 -c "print(max(30, round(20000 * $SCALE)))")
    have=$(psql -X -Atd "$BENCH_DB" -c "select count(*) from firm where exists (select 1 from app_user where username = 'bench-liaison')" 2>/dev/null || echo 0)
    if [[ "$have" != "$want_firms" ]]; then
        log "generating ${SCALE}x into $BENCH_DB"
        t0=$(date +%s)
        BENCH_SCALE="$SCALE" "$BENCH_DIR/generate-city.sh" > "$WORK/generate-$SCALE.log" 2>&1
        log "generated in $(( $(date +%s) - t0 )) s"
    fi
    SIZES=$(psql -X -Atd "$BENCH_DB" -c "select format('%s / %s / %s / %s', (select count(*) from firm), (select count(*) from worker), (select count(*) from daily_report), (select count(*) from permit))")
    # The portal fills the daily aggregates shortly after its start: drop them so that the fill builds all 90 days.
    psql -X -q -d "$BENCH_DB" -c "truncate daily_figure, daily_figure_stamp"
    start_portal
    log "waiting for the aggregate fill after the start"
    for _ in $(seq 1 1800); do grep -q 'daily figures: built' "$WORK/server.log" && break; sleep 1; done
    FILL=$(grep -m1 -o 'daily figures: built.*' "$WORK/server.log" | sed 's/\x1b\[[0-9;]*m//g' | cut -c1-120)

    TODAY=$(TZ=Asia/Shanghai date +%F)
    YDAY=$(TZ=Asia/Shanghai date -d "$TODAY - 1 day" +%F)
    FIRST=$(TZ=Asia/Shanghai date -d "$TODAY - 90 day" +%F)
    PARK=$(psql -X -Atd "$BENCH_DB" -c "select id from park where code = 'BP01'")
    FIRM=$(psql -X -Atd "$BENCH_DB" -c "select firm_id from app_user where username = 'bench-mgr-001'")
    for u in bench-analyst bench-liaison bench-mgr-001 bench-admin bench-guard; do curl -s -o /dev/null -u "$u:$AUTH_PLAIN" "$BASE/api/v1/me"; done

    line() { # line <row> <measured> [p50 p95]
        echo "| ${SCALE}x | $SIZES | $1 | $2 | $(cut -d' ' -f1-3 /proc/loadavg) |" >> "$OUT"
        [[ -n "${3:-}" ]] && printf '%s\t%s\t%s\t%s\n' "$SCALE" "$1" "$3" "$4" >> "$TSV"
        return 0
    }
    get() { # get <row> <user> <path>
        export BENCH_AUTH; BENCH_AUTH=$(basic "$2")
        export BENCH_PATH="$3"
        wrk -t1 -c1 -d3s --timeout 60s -s "$BENCH_DIR/get.lua" "$BASE" >/dev/null    # first requests: plans, caches
        local s; s=$(wrk -t1 -c1 -d"${DUR}s" --timeout 60s -s "$BENCH_DIR/get.lua" "$BASE" | grep '^STATS')
        log "${SCALE}x $1: $s"
        line "$1 \`$3\`" "n=$(field n "$s")$(grep -o ' s[0-9][0-9][0-9]=[0-9]*' <<< "$s" | tr -d '\n'); p50 $(field p50 "$s"), p95 $(field p95 "$s"), max $(field max "$s")" \
            "$(field p50 "$s")" "$(field p95 "$s")"
    }
    get "bureau overview" bench-analyst "/api/v1/dashboard/figures?day=$YDAY"
    get "park drill-down" bench-analyst "/api/v1/dashboard/figures?day=$YDAY&parkId=$PARK"
    get "90-day trend" bench-analyst "/api/v1/dashboard/trend?from=$FIRST&to=$YDAY"
    get "liaison's board (park BP01)" bench-liaison "/api/v1/board?day=$TODAY"
    get "approval queue (pending batches)" bench-liaison "/api/v1/card-batches?status=SUBMITTED"
    get "a firm's report history" bench-mgr-001 "/api/v1/firms/$FIRM/reports"

    # Gate scans: QR texts of 2,000 permits of the 200 bench-mgr firms (read by their managers), 8 scanners.
    ensure_bench_gates
    psql -X -Atd "$BENCH_DB" -F ' ' -c "select p.id, u.username from permit p join app_user u on u.firm_id = p.firm_id
        where u.username like 'bench-mgr-%' and p.status = 'ACTIVE' order by md5(p.id::text) limit 2000" | qr_texts "$WORK/province-gate.lua"
    export BENCH_AUTH; BENCH_AUTH=$(basic bench-guard)
    BENCH_THREADS=2 BENCH_GATE_DATA="$WORK/province-gate.lua" wrk -t2 -c8 -d10s --timeout 10s -s "$BENCH_DIR/gate.lua" "$BASE" >/dev/null
    G=$(BENCH_THREADS=2 BENCH_GATE_DATA="$WORK/province-gate.lua" wrk -t2 -c8 -d"${DUR}s" --timeout 10s -s "$BENCH_DIR/gate.lua" "$BASE" | grep '^STATS')
    log "${SCALE}x gate: $G"
    line "gate scans, 8 scanners, 2,000 permits" "$(field rps "$G")/s, p50 $(field p50 "$G"), p95 $(field p95 "$G"), p99 $(field p99 "$G")$(grep -o ' sv_[A-Z_]*=[0-9]*' <<< "$G" | tr -d '\n')" \
        "$(field p50 "$G")" "$(field p95 "$G")"

    line "nightly aggregate fill (all 90 days x 30 parks, after the start)" "${FILL:-not logged within 30 min}"
    for run in 1 2; do
        T=$(curl -s -o "$WORK/retention.json" -w '%{time_total}' -X POST -u "bench-admin:$AUTH_PLAIN" -H 'Accept: application/json' "$BASE/api/v1/parks/$PARK/retention")
        line "retention job, park BP01, run $run" "$(python3 -c "print(round(1000*$T))") ms: $(head -c 200 "$WORK/retention.json")"
    done
    line "database size" "$(psql -X -Atd "$BENCH_DB" -c "select pg_size_pretty(pg_database_size(current_database()))")"
    printf '%s\tdatabase size (GB)\t%s\t\n' "$SCALE" "$(psql -X -Atd "$BENCH_DB" -c "select round(pg_database_size(current_database()) / 1e9, 2)")" >> "$TSV"
    stop_portal
done

# Debian's matplotlib belongs to Debian's python3, which may not be the first python3 on the PATH.
PLOT_PY=python3
python3 -c 'import matplotlib' 2>/dev/null || PLOT_PY=/usr/bin/python3
if ! $PLOT_PY -c 'import matplotlib' 2>/dev/null; then
    log "installing python3-matplotlib"; apt-get install -y -q python3-matplotlib >/dev/null; PLOT_PY=/usr/bin/python3
fi
$PLOT_PY - "$TSV" "$ROOT/docs/performance-province.png" <<'PY'
import sys, csv, collections
import matplotlib
matplotlib.use("Agg")
import matplotlib.pyplot as plt
rows = collections.defaultdict(dict)
for r in csv.DictReader(open(sys.argv[1]), delimiter="\t"):
    if r["p95_ms"]:
        rows[r["row"]][float(r["scale"])] = float(r["p95_ms"])
fig, ax = plt.subplots(figsize=(9, 5.5), dpi=110)
for name, pts in sorted(rows.items()):
    xs = sorted(pts)
    ax.plot(xs, [pts[x] for x in xs], marker="o", label=name.split(" `")[0])
ax.axhline(150, color="#b91c1c", linestyle="--", linewidth=1, label="target: p95 < 150 ms")
ax.set_xlabel("scale (1 = the city: 20,000 firms, 1,000,000 workers)")
ax.set_ylabel("p95, ms (1 client)")
ax.set_xticks(sorted({x for pts in rows.values() for x in pts}))
ax.set_title("Interactive rows from a city to a province (src/bench/province.sh)")
ax.grid(True, alpha=.3)
ax.legend(fontsize=8, loc="upper left")
fig.tight_layout()
fig.savefig(sys.argv[2])
PY
log "plotted docs/performance-province.png"
cat "$OUT"
