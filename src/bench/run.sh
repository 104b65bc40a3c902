#!/usr/bin/env bash
# Runs the benchmarks of issue 9 against a database filled by src/bench/generate-city.sh, each figure beside
# the limit it is compared to, in the same run. One command:
#
#   src/bench/run.sh                       # BENCH_DB=loopgate_bench on 127.0.0.1:5432
#   BENCH_DURATION=30 src/bench/run.sh     # seconds per load phase (default 20)
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
# BENCH_PHASES: comma-separated phases to run (prime, a, floor, d, cold, morning, b, c, pdf, import, queue; default all). (g) is always
# measured. BENCH_BASELINE_WAR=/path/old.war runs the dashboard phases (b, c) against an older WAR first, then this build.
want() { [[ ",${BENCH_PHASES:-all}," == *",all,"* || ",${BENCH_PHASES:-}," == *",$1,"* ]]; }

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
start_portal
row "(g) launch -> first page (/login.xhtml 200), Payara Micro + WAR, external PostgreSQL" "${START_SECONDS} s" "-" "< 30 s warm"

# ---- prime the password memo of the benchmark users (PBKDF2, 210,000 iterations, ~0.2 s each) -----------
if want prime; then
    log "signing in 200 managers + analyst once (PBKDF2 memo)"
    t0=$(date +%s.%N)
    { for i in $(seq -w 1 200); do echo "bench-mgr-$(printf '%03d' $((10#$i)))"; done; echo bench-analyst; echo bench-guard; } |
        xargs -P 4 -I{} curl -s -o /dev/null -u "{}:$AUTH_PLAIN" "$BASE/api/v1/me"
    PRIME=$(python3 -c "print(round($(date +%s.%N) - $t0, 1))")
    row "first sign-in of 202 users (PBKDF2 210k iterations), 4 at a time" "${PRIME} s ($(python3 -c "print(round(202/$PRIME,1))")/s)" "-" "-"
fi

# ---- (a) daily-report submissions vs pgbench single-row inserts, and the ceiling: GET /me -------------
# The filers are managers of the first BENCH_FILERS firms (lib.sh ensure_filers); their reports of the 8 days
# a firm may file (today and 7 back) are removed first, so the phase files fresh reports (201) until all
# BENCH_FILERS x 8 pairs are taken, then re-files them (200, same facts: nothing written).
if want a; then
    FILERS="${BENCH_FILERS:-4000}"
    ensure_filers "$FILERS"
    DATA="$WORK/reports-data.lua"
    report_data "$DATA" "$FILERS" 8
    export BENCH_REPORT_DATA="$DATA"
    log "signing in $FILERS filers once"
    prime_users bench-filer- 1 "$FILERS"
    # A freshly started JVM compiles the request path for minutes on two busy cores: warm it up with the
    # same load (filings, then GET /me), then remove the warm-up's reports so the measured phase files afresh.
    if [[ "${BENCH_WARMUP:-60}" -gt 0 ]]; then
        log "warm-up: $CONC clients filing reports and reading /me for ${BENCH_WARMUP:-60}s each"
        wrk -t2 -c"$CONC" -d"${BENCH_WARMUP:-60}s" --timeout 10s -s "$BENCH_DIR/reports.lua" "$BASE" | grep '^STATS' >&2
        BENCH_PATH=/api/v1/me wrk -t2 -c"$CONC" -d"${BENCH_WARMUP:-60}s" --timeout 10s -s "$BENCH_DIR/auth-get.lua" "$BASE" | grep '^STATS' >&2
        report_data "$DATA" "$FILERS" 8
    fi
    log "wrk: $CONC clients filing reports for ${DUR}s"
    W=$(wrk -t2 -c"$CONC" -d"${DUR}s" --timeout 10s -s "$BENCH_DIR/reports.lua" "$BASE" | grep '^STATS')
    log "$W"
    STORED=$(psql -X -Atd "$BENCH_DB" -c "select count(*) from daily_report r join app_user u on u.firm_id = r.firm_id
        where u.username like 'bench-filer-%' and substr(u.username, 13)::int <= $FILERS and r.report_date >= date '$REPORT_FIRST_DAY'")
    export BENCH_PATH=/api/v1/me
    log "wrk: $CONC clients GET /api/v1/me for ${DUR}s (ceiling)"
    M=$(wrk -t2 -c"$CONC" -d"${DUR}s" --timeout 10s -s "$BENCH_DIR/auth-get.lua" "$BASE" | grep '^STATS')
    log "$M"
    psql -X -q -d "$BENCH_DB" -c "drop table if exists bench_insert" -c \
        "create table bench_insert (id bigserial primary key, firm_id bigint not null, day date not null, n int not null, at timestamptz not null default now())"
    printf 'insert into bench_insert (firm_id, day, n) values (:client_id, current_date, 0);\n' > "$WORK/insert.sql"
    log "pgbench: $PGB_CLIENTS clients, single-row inserts for ${DUR}s"
    P=$(pgbench -n -c "$PGB_CLIENTS" -j 2 -T "$DUR" -f "$WORK/insert.sql" -r "$BENCH_DB" 2>&1)
    PTPS=$(sed -n 's/^tps = \([0-9.]*\).*/\1/p' <<< "$P" | head -1)
    PLAT=$(sed -n 's/^latency average = \([0-9.]*\).*/\1/p' <<< "$P")
    psql -X -q -d "$BENCH_DB" -c "drop table bench_insert"
    RPS=$(field rps "$W")
    row "(a) daily reports POST /api/v1/firms/{id}/reports, $CONC clients (wrk), $FILERS firms x 8 days: statuses$(grep -o ' s[0-9][0-9][0-9]=[0-9]*' <<< "$W" | tr -d '\n') (201 created, 200 re-filed), socket errors $(field errors "$W"); reports stored afterwards $STORED" \
        "${RPS}/s, p50 $(field p50 "$W") ms, p95 $(field p95 "$W") ms, p99 $(field p99 "$W") ms" \
        "pgbench single-row INSERT, $PGB_CLIENTS clients (= the portal pool): ${PTPS} TPS, avg ${PLAT} ms; ratio $(python3 -c "print(round(100*$RPS/$PTPS,1))") %" \
        ">= 50 % of pgbench TPS, p99 < 100 ms"
    row "(a) ceiling: GET /api/v1/me (the cheapest authenticated call), $CONC clients, $FILERS users: statuses$(grep -o ' s[0-9][0-9][0-9]=[0-9]*' <<< "$M" | tr -d '\n'), socket errors $(field errors "$M")" \
        "$(field rps "$M")/s, p50 $(field p50 "$M") ms, p95 $(field p95 "$M") ms, p99 $(field p99 "$M") ms" \
        "filings are $(python3 -c "print(round(100*$RPS/$(field rps "$M"),1))") % of it" "-"
fi

# ---- issue 22.1: the request floor at 16 and 32 connections --------------------------------------------
# Filings, GET /me, the public keys and the revocation list, and pgbench's single-row inserts, each with the same
# number of clients (BENCH_FLOOR_CLIENTS, default 16 and 32: the connections a city's gate and office clients
# really hold against 32 HTTP threads). Ratios: filings / pgbench (target >= 25 %), filings / GET /me (>= 50 %),
# public lists / GET /me (>= 100 %).
if want floor; then
    FILERS="${BENCH_FILERS:-4000}"
    ensure_filers "$FILERS"
    DATA="$WORK/reports-data.lua"
    report_data "$DATA" "$FILERS" 8
    export BENCH_REPORT_DATA="$DATA"
    log "signing in $FILERS filers once"
    prime_users bench-filer- 1 "$FILERS"
    FC_MAX="${BENCH_FLOOR_CLIENTS:-16,32}"; FC_MAX="${FC_MAX##*,}"
    if [[ "${BENCH_WARMUP:-60}" -gt 0 ]]; then
        log "warm-up: $FC_MAX clients filing, reading /me and the public lists for ${BENCH_WARMUP:-60}s each"
        wrk -t2 -c"$FC_MAX" -d"${BENCH_WARMUP:-60}s" --timeout 10s -s "$BENCH_DIR/reports.lua" "$BASE" | grep '^STATS' >&2
        BENCH_PATH=/api/v1/me wrk -t2 -c"$FC_MAX" -d"${BENCH_WARMUP:-60}s" --timeout 10s -s "$BENCH_DIR/auth-get.lua" "$BASE" | grep '^STATS' >&2
        BENCH_AUTH= BENCH_PATH=/api/v1/public/permits/revocations wrk -t2 -c"$FC_MAX" -d20s --timeout 10s -s "$BENCH_DIR/get.lua" "$BASE" | grep '^STATS' >&2
    fi
    psql -X -q -d "$BENCH_DB" -c "drop table if exists bench_insert" -c \
        "create table bench_insert (id bigserial primary key, firm_id bigint not null, day date not null, n int not null, at timestamptz not null default now())"
    printf 'insert into bench_insert (firm_id, day, n) values (:client_id, current_date, 0);\n' > "$WORK/insert.sql"
    for FC in $(tr , ' ' <<< "${BENCH_FLOOR_CLIENTS:-16,32}"); do
        report_data "$DATA" "$FILERS" 8
        log "floor, $FC clients: filings"
        W=$(wrk -t2 -c"$FC" -d"${DUR}s" --timeout 10s -s "$BENCH_DIR/reports.lua" "$BASE" | grep '^STATS'); log "$W"
        log "floor, $FC clients: GET /me"
        M=$(BENCH_PATH=/api/v1/me wrk -t2 -c"$FC" -d"${DUR}s" --timeout 10s -s "$BENCH_DIR/auth-get.lua" "$BASE" | grep '^STATS'); log "$M"
        log "floor, $FC clients: public keys and revocation list (no sign-in)"
        K=$(BENCH_AUTH= BENCH_PATH=/api/v1/public/permits/keys wrk -t2 -c"$FC" -d"${DUR}s" --timeout 10s -s "$BENCH_DIR/get.lua" "$BASE" | grep '^STATS'); log "$K"
        R=$(BENCH_AUTH= BENCH_PATH=/api/v1/public/permits/revocations wrk -t2 -c"$FC" -d"${DUR}s" --timeout 10s -s "$BENCH_DIR/get.lua" "$BASE" | grep '^STATS'); log "$R"
        log "floor, $FC clients: pgbench single-row inserts"
        P=$(pgbench -n -c "$FC" -j 2 -T "$DUR" -f "$WORK/insert.sql" -r "$BENCH_DB" 2>&1)
        PTPS=$(sed -n 's/^tps = \([0-9.]*\).*/\1/p' <<< "$P" | head -1)
        PLAT=$(sed -n 's/^latency average = \([0-9.]*\).*/\1/p' <<< "$P")
        RPS=$(field rps "$W"); MRPS=$(field rps "$M")
        row "(22.1) filings POST /api/v1/firms/{id}/reports, $FC clients: statuses$(grep -o ' s[0-9][0-9][0-9]=[0-9]*' <<< "$W" | tr -d '\n'), socket errors $(field errors "$W")" \
            "${RPS}/s, p50 $(field p50 "$W") ms, p95 $(field p95 "$W") ms, p99 $(field p99 "$W") ms" \
            "pgbench single-row INSERT, $FC clients: ${PTPS} TPS (avg ${PLAT} ms), ratio $(python3 -c "print(round(100*$RPS/$PTPS,1))") %; GET /me ${MRPS}/s, ratio $(python3 -c "print(round(100*$RPS/$MRPS,1))") %" \
            ">= 25 % of pgbench, >= 50 % of GET /me, p99 < 100 ms"
        row "(22.1) GET /api/v1/me (Basic, memoised password), $FC clients: statuses$(grep -o ' s[0-9][0-9][0-9]=[0-9]*' <<< "$M" | tr -d '\n')" \
            "${MRPS}/s, p50 $(field p50 "$M") ms, p99 $(field p99 "$M") ms" "-" "-"
        row "(22.1) GET /api/v1/public/permits/keys (no sign-in), $FC clients: statuses$(grep -o ' s[0-9][0-9][0-9]=[0-9]*' <<< "$K" | tr -d '\n')" \
            "$(field rps "$K")/s, p50 $(field p50 "$K") ms, p99 $(field p99 "$K") ms" \
            "GET /me ${MRPS}/s; ratio $(python3 -c "print(round(100*$(field rps "$K")/$MRPS,1))") %" ">= 100 % of GET /me"
        row "(22.1) GET /api/v1/public/permits/revocations (no sign-in), $FC clients: statuses$(grep -o ' s[0-9][0-9][0-9]=[0-9]*' <<< "$R" | tr -d '\n')" \
            "$(field rps "$R")/s, p50 $(field p50 "$R") ms, p99 $(field p99 "$R") ms" \
            "GET /me ${MRPS}/s; ratio $(python3 -c "print(round(100*$(field rps "$R")/$MRPS,1))") %" ">= 100 % of GET /me"
    done
    psql -X -q -d "$BENCH_DB" -c "drop table bench_insert"
fi

# ---- (d) gate verification vs JDK Ed25519 verifications ----------------------------------------------
# Real QR texts: the portal signs each permit's payload when its manager reads it (GET /api/v1/permits/{id}),
# with the city's active key, so the gate verifies exactly what a printed permit carries.
if want d; then
    # Gates are few and scanners wait for each answer: by Little's law 2,000/s with p99 < 20 ms allows at most
    # ~40 requests in flight, so this phase uses BENCH_GATE_CLIENTS (8 and 32, the portal's HTTP threads), not 200.
    GATE_CONC="${BENCH_GATE_CLIENTS:-8,32}"
    GATE_DATA="$WORK/gate-data.lua"
    # Gates belong to parks (issue 19): bench-guard scans at bench-gate-1 and -2 of BP01, whose policy admits other
    # parks' permits (the codes are of firms in all 30 parks), so every scan takes the whole path to its verdict.
    ensure_bench_gates
    log "fetching the QR texts of ${BENCH_GATE_PERMITS:-2000} permits of the benchmark firms"
    psql -X -Atd "$BENCH_DB" -F ' ' -c "select p.id, u.username from permit p join app_user u on u.firm_id = p.firm_id
        where u.username like 'bench-mgr-%' order by p.id limit ${BENCH_GATE_PERMITS:-2000}" |
    python3 -c '
import sys, json, base64, urllib.request, concurrent.futures
base, out = sys.argv[1], sys.argv[2]
byuser = {}
for l in sys.stdin:
    if l.strip():
        pid, user = l.split()
        byuser.setdefault(user, []).append(pid)
def qrs(user):  # one user at a time per thread: a first sign-in is not raced by the same user
    auth = base64.b64encode((user + ":loopgate123").encode()).decode()
    out = []
    for pid in byuser[user]:
        req = urllib.request.Request(base + "/api/v1/permits/" + pid, headers={"Authorization": "Basic " + auth, "Accept": "application/json"})
        with urllib.request.urlopen(req, timeout=60) as r:
            out.append(json.load(r)["qr"])
    return out
with concurrent.futures.ThreadPoolExecutor(4) as pool:
    codes = [c for l in pool.map(qrs, sorted(byuser)) for c in l]
with open(out, "w") as f:
    f.write("QR = {" + ",".join("\"%s\"" % c for c in codes) + "}\n")
print(len(codes))' "$BASE" "$GATE_DATA" >&2
    export BENCH_GATE_DATA="$GATE_DATA"
    curl -s -o /dev/null -u "bench-guard:$AUTH_PLAIN" "$BASE/api/v1/me"
    log "java Ed25519Bench: 2 threads for ${DUR}s (portal idle)"
    E=$(java "$BENCH_DIR/Ed25519Bench.java" 2 "$DUR")
    log "$E"
    export BENCH_AUTH; BENCH_AUTH=$(basic bench-guard)
    if [[ "${BENCH_WARMUP:-60}" -gt 0 ]]; then
        log "warm-up: ${GATE_CONC##*,} clients verifying QR codes for ${BENCH_WARMUP:-60}s"
        wrk -t2 -c"${GATE_CONC##*,}" -d"${BENCH_WARMUP:-60}s" --timeout 10s -s "$BENCH_DIR/gate.lua" "$BASE" | grep '^STATS' >&2
    fi
    ERATE=$(sed -n 's/.* rate=\([0-9.]*\).*/\1/p' <<< "$E")
    # What the portal verifies with since session 9 (PermitCodec): BouncyCastle's RFC 8032 code, from the WAR.
    unzip -p "${BENCH_WAR:-$ROOT/target/loopgate.war}" 'WEB-INF/lib/bcprov-*.jar' > "$WORK/bcprov.jar"
    EB=$(java -cp "$WORK/bcprov.jar" "$BENCH_DIR/Ed25519Bench.java" 2 "$DUR" bc); log "$EB"
    EBRATE=$(sed -n 's/.* rate=\([0-9.]*\).*/\1/p' <<< "$EB")
    # One row per number of scanners in flight (BENCH_GATE_CLIENTS, comma-separated).
    for GC in ${GATE_CONC//,/ }; do
        log "wrk: $GC clients verifying QR codes for ${DUR}s"
        G=$(wrk -t2 -c"$GC" -d"${DUR}s" --timeout 10s -s "$BENCH_DIR/gate.lua" "$BASE" | grep '^STATS')
        log "$G"
        GRPS=$(field rps "$G")
        row "(d) gate verification POST /api/v1/gate/verify, $GC clients, QR texts of $(grep -o '"LG1:' "$GATE_DATA" | wc -l) permits: statuses$(grep -o ' s[0-9][0-9][0-9]=[0-9]*' <<< "$G" | tr -d '\n'), verdicts$(grep -o ' sv_[A-Z_]*=[0-9]*' <<< "$G" | sed 's/ sv_/ /' | tr -d '\n'), socket errors $(field errors "$G")" \
            "${GRPS}/s, p50 $(field p50 "$G") ms, p95 $(field p95 "$G") ms, p99 $(field p99 "$G") ms" \
            "JDK Ed25519 verify, 2 threads, no server: ${ERATE}/s; ratio $(python3 -c "print(round(100*$GRPS/$ERATE,1))") %" \
            ">= 2,000/s, p99 < 20 ms"
    done
    # The floor of the stack: the same POST, signed in the same way, refused by validation (no database work).
    log "wrk: 8 clients posting an empty QR text (400) for ${DUR}s (floor)"
    F=$(wrk -t2 -c8 -d"${DUR}s" --timeout 10s -s "$BENCH_DIR/gate-empty.lua" "$BASE" | grep '^STATS')
    log "$F"
    row "(d) floor: the same POST with an empty QR text, refused by validation (auth, JSON, no database), 8 clients: statuses$(grep -o ' s[0-9][0-9][0-9]=[0-9]*' <<< "$F" | tr -d '\n')" \
        "$(field rps "$F")/s, p50 $(field p50 "$F") ms, p95 $(field p95 "$F") ms, p99 $(field p99 "$F") ms" "-" "-"
fi

# ---- issue 22.2: gate scans cold (every QR text new to the node) beside warm ------------------------------
# At a shift change each card is scanned once: the node's memo of verified signatures does not help. BENCH_COLD_PERMITS
# (default 40,000) real QR texts of the city's permits, read by their firms' managers; the cold phase scans texts 2,001.. each
# once (a request past the end would repeat one and is counted as "repeated", so the row shows whether the phase ran
# out), the warm phase cycles texts 1..2,000 after a warm-up over them. Run it on a gate-only node configuration:
#   BENCH_HTTP_THREADS=8 BENCH_PHASES=cold src/bench/run.sh
if want cold; then
    NCOLD="${BENCH_COLD_PERMITS:-40000}"
    ensure_bench_gates
    # Only a firm's own manager reads its permits: the filers of the first BENCH_FILERS firms (~12 permits each).
    ensure_filers "${BENCH_FILERS:-4000}"
    log "reading the QR texts of $NCOLD permits as their firms' managers"
    psql -X -Atd "$BENCH_DB" -F ' ' -c "select p.id, u.username from permit p join app_user u on u.firm_id = p.firm_id
        where u.username like 'bench-filer-%' and p.status = 'ACTIVE' order by md5(p.id::text) limit $NCOLD" |
        qr_texts "$WORK/gate-warm.lua" "$WORK/gate-cold.lua" 2000
    curl -s -o /dev/null -u "bench-guard:$AUTH_PLAIN" "$BASE/api/v1/me"
    export BENCH_AUTH; BENCH_AUTH=$(basic bench-guard)
    CC="${BENCH_COLD_CLIENTS:-8}"
    log "java Ed25519Bench: 2 threads for ${DUR}s (portal idle)"
    E=$(java "$BENCH_DIR/Ed25519Bench.java" 2 "$DUR"); log "$E"
    ERATE=$(sed -n 's/.* rate=\([0-9.]*\).*/\1/p' <<< "$E")
    # What the portal verifies with since session 9 (PermitCodec): BouncyCastle's RFC 8032 code, from the WAR.
    unzip -p "${BENCH_WAR:-$ROOT/target/loopgate.war}" 'WEB-INF/lib/bcprov-*.jar' > "$WORK/bcprov.jar"
    EB=$(java -cp "$WORK/bcprov.jar" "$BENCH_DIR/Ed25519Bench.java" 2 "$DUR" bc); log "$EB"
    EBRATE=$(sed -n 's/.* rate=\([0-9.]*\).*/\1/p' <<< "$EB")
    log "warm-up of the request path: $CC clients over the 2,000 warm texts for ${BENCH_WARMUP:-60}s"
    BENCH_GATE_DATA="$WORK/gate-warm.lua" wrk -t2 -c"$CC" -d"${BENCH_WARMUP:-60}s" --timeout 10s -s "$BENCH_DIR/gate.lua" "$BASE" | grep '^STATS' >&2
    CDUR="${BENCH_COLD_DURATION:-15}"
    log "cold: $CC clients, each text once, ${CDUR}s"
    C=$(BENCH_GATE_ONCE=1 BENCH_GATE_DATA="$WORK/gate-cold.lua" wrk -t2 -c"$CC" -d"${CDUR}s" --timeout 10s -s "$BENCH_DIR/gate.lua" "$BASE" | grep '^STATS'); log "$C"
    log "warm: $CC clients cycling 2,000 texts, ${DUR}s"
    W=$(BENCH_GATE_DATA="$WORK/gate-warm.lua" wrk -t2 -c"$CC" -d"${DUR}s" --timeout 10s -s "$BENCH_DIR/gate.lua" "$BASE" | grep '^STATS'); log "$W"
    for x in "cold|$C|$(python3 -c "print(round(100*$(field rps "$C")/$ERATE,1))") % of the JDK's Ed25519 verifications (${ERATE}/s, 2 threads, no server; BouncyCastle's, which the portal uses: ${EBRATE}/s)|>= 80 % of the JDK's verifications" \
             "warm|$W|-|>= 2,000/s, p99 < 20 ms"; do
        IFS='|' read -r what S ratio target <<< "$x"
        row "(22.2) gate scans $what, $CC clients, ${BENCH_HTTP_THREADS:-32} HTTP threads: statuses$(grep -o ' s[0-9][0-9][0-9]=[0-9]*' <<< "$S" | tr -d '\n'), verdicts$(grep -o ' sv_[A-Z_]*=[0-9]*' <<< "$S" | sed 's/ sv_/ /' | tr -d '\n'), repeated texts $(field sx_repeated "$S" | grep . || echo 0)" \
            "$(field rps "$S")/s, p50 $(field p50 "$S") ms, p95 $(field p95 "$S") ms, p99 $(field p99 "$S") ms" "$ratio" "$target"
    done
fi

# ---- issue 22.3: the morning peak through the pages ------------------------------------------------------
# A city's 20,000 managers file their zero-report in the half hour before 10:00 (11.1 arrivals/s), or squeezed into
# five minutes (66.7/s): each signs in (with the password, or with the phone's remembered-device cookie), opens the
# home page and the daily report and taps the zero-report (src/bench/morning.py, an open loop). The windows are
# BENCH_MORNING_SECONDS (60) long at those arrival rates, not the whole half hour. Managers bench-am-00001.. of
# firms 5,001.. (their hash with the real 210,000 iterations); the remembered ones get a device row as a phone that
# ticked "keep me signed in" yesterday has (selector and SHA-256 of the validator, as RememberedDevices stores).
if want morning; then
    MS="${BENCH_MORNING_SECONDS:-60}"
    NAM=$(python3 -c "import math; print(math.ceil(66.7 * $MS) * 2 + math.ceil(11.1 * $MS) * 2 + 2000)")
    HASH210=$(python3 -c '
import hashlib, os, base64
s = os.urandom(32)
h = hashlib.pbkdf2_hmac("sha256", b"loopgate123", s, 210000, 32)
print("PBKDF2WithHmacSHA256:210000:%s:%s" % (base64.b64encode(s).decode(), base64.b64encode(h).decode()))')
    log "morning: $NAM managers bench-am-*, today's reports of their firms removed, remembered devices for half of them"
    psql -X -q -d "$BENCH_DB" -v hash="$HASH210" -v n="$NAM" <<'SQL'
delete from remembered_device where user_id in (select id from app_user where username like 'bench-am-%');
delete from app_user where username like 'bench-am-%';
insert into app_user (username, display_name, password_hash, role, firm_id)
select 'bench-am-' || lpad(f.rn::text, 5, '0'), '早高峰经理', :'hash', 'FIRM_MANAGER', f.id
from (select id, row_number() over (order by id) as rn from firm) f where f.rn > 5000 and f.rn <= 5000 + :n;
create temp table am as select firm_id from app_user where username like 'bench-am-%';
delete from daily_report_revision where report_id in
    (select r.id from daily_report r join am using (firm_id) where r.report_date >= current_date - 1);
delete from daily_report r using am where am.firm_id = r.firm_id and r.report_date >= current_date - 1;
SQL
    python3 - "$WORK" "$NAM" "$BENCH_DB" <<'PY' | psql -X -q -d "$BENCH_DB" -c "copy remembered_device (user_id, selector, validator_hash, device, created_at, last_used_at, expires_at) from stdin"
import sys, os, base64, hashlib, subprocess
work, n, db = sys.argv[1], int(sys.argv[2]), sys.argv[3]
ids = dict(l.split("|") for l in subprocess.run(["psql", "-X", "-Atd", db, "-c",
    "select username, id from app_user where username like 'bench-am-%'"], capture_output=True, text=True, check=True).stdout.split())
b64 = lambda k: base64.urlsafe_b64encode(os.urandom(k)).decode().rstrip("=")
with open(work + "/morning-password.txt", "w") as pw, open(work + "/morning-remembered.txt", "w") as rm:
    for i, user in enumerate(sorted(ids), 1):
        if i % 2:
            pw.write(user + "\n")
        else:
            sel, val = b64(18), b64(32)
            rm.write("%s %s.%s\n" % (user, sel, val))
            print("%s\t%s\t%s\tbench phone\t2026-01-01 00:00+00\t2026-01-01 00:00+00\t2099-01-01 00:00+00"
                  % (ids[user], sel, hashlib.sha256(val.encode()).hexdigest()))
PY
    split_users() { # split_users <file> <from line> <count> -> a file of those lines
        sed -n "$2,$(( $2 + $3 - 1 ))p" "$1" > "$1.$2"; echo "$1.$2"; }
    morning_row() { # morning_row <label> <morning.py output>
        local flow; flow=$(grep 'step=flow' <<< "$2")
        local steps; steps=$(grep 'STATS step=' <<< "$2" | grep -v 'step=flow' | sed 's/STATS step=\([a-z_]*\) n=[0-9]* p50=\([0-9]*\) p95=\([0-9]*\) p99=\([0-9]*\).*/\1 \2\/\3\/\4/' | paste -sd ';' | sed 's/;/; /g')
        row "$1: $(field n "$flow") managers, ok $(field ok "$flow"), failed $(field failed "$flow"); load generator's own CPU $(field client_cpu_s "$flow") s" \
            "flow from arrival p50 $(field p50 "$flow") ms, p95 $(field p95 "$flow") ms, p99 $(field p99 "$flow") ms; finished $(field done_per_s "$flow")/s of $(field arrivals_per_s "$flow")/s arriving. Steps p50/p95/p99 ms: $steps" "-" "every step p95 < 1 s, no failures"
    }
    P=0; R=0
    log "sign-in capacity: 8 managers at a time signing in with the password, back to back, 20 s"
    U=$(split_users "$WORK/morning-password.txt" 1 1000); P=1000
    O=$(python3 "$BENCH_DIR/morning.py" "$BASE" signin 0 20 "$U" 8); log "$O"
    row "(22.3) password sign-ins (GET + POST /login.xhtml, PBKDF2 210,000 iterations), 8 at a time back to back, 20 s" \
        "$(field done_per_s "$(grep step=flow <<< "$O")") sign-ins/s, POST p50 $(field p50 "$(grep step=login_post <<< "$O")") ms, p99 $(field p99 "$(grep step=login_post <<< "$O")") ms" \
        "needed: 11.1/s (20,000 in 30 min), 66.7/s (in 5 min)" "-"
    for RATE in 11.1 66.7; do
        N=$(python3 -c "import math; print(math.ceil($RATE * $MS))")
        # Above the sign-in capacity measured above the queue only grows: the squeezed peak with passwords runs
        # for BENCH_MORNING_OVERLOAD_SECONDS (10) to show it, not for the whole window.
        PS="$MS"; [[ "$RATE" == 66.7 ]] && PS="${BENCH_MORNING_OVERLOAD_SECONDS:-10}"
        PN=$(python3 -c "import math; print(math.ceil($RATE * $PS))")
        log "morning, password, $RATE/s for ${PS}s"
        U=$(split_users "$WORK/morning-password.txt" $((P + 1)) "$PN"); P=$((P + PN))
        O=$(python3 "$BENCH_DIR/morning.py" "$BASE" password "$RATE" "$PS" "$U" 256); log "$O"
        morning_row "(22.3) morning flow with the password, $RATE arrivals/s for ${PS}s" "$O"
        log "morning, remembered device, $RATE/s for ${MS}s"
        U=$(split_users "$WORK/morning-remembered.txt" $((R + 1)) "$N"); R=$((R + N))
        O=$(python3 "$BENCH_DIR/morning.py" "$BASE" remembered "$RATE" "$MS" "$U" 256); log "$O"
        morning_row "(22.3) morning flow on a remembered phone, $RATE arrivals/s for ${MS}s" "$O"
    done
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
want b && get "$L(b) bureau overview, city figures for a day" "/api/v1/dashboard/figures?day=$YDAY" "p95 < 150 ms"
want b && get "$L(b) park drill-down: the park's figures" "/api/v1/dashboard/figures?day=$YDAY&parkId=$PARK" "p95 < 150 ms"
want b && get "$L(b) park comparison (all 30 parks for a day)" "/api/v1/dashboard/parks?day=$YDAY" "p95 < 150 ms"
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
want c && samples "$L(c) 90-day city trend" "/api/v1/dashboard/trend?from=$FIRST&to=$YDAY" "p95 < 300 ms" "${BENCH_TREND_SAMPLES:-20}"
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
if want b || want c; then
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
if want pdf || want import || want queue; then
    [[ -n "${PORTAL_PID:-}" ]] || start_portal
    source "$BENCH_DIR/bulk.sh" && bulk_phases
fi

stop_portal
echo >> "$OUT"
echo "Load average at the end: $(cut -d' ' -f1-3 /proc/loadavg)." >> "$OUT"
cp "$OUT" "$WORK/results-$(date -u +%Y%m%dT%H%M%S).md"
cat "$OUT"
