#!/usr/bin/env bash
# How long a node takes from `java -jar payara-micro.jar` to its first page: the cost of every start of the
# test suite's portals, of a rolling upgrade's replaced node and of a node that rejoins after a crash.
#
#   src/bench/boot.sh                          # 3 first starts on an empty database, 3 restarts on the same one
#   BENCH_BOOTS=5 src/bench/boot.sh
#   BENCH_JAVA_OPTS=-XX:TieredStopAtLevel=1 BENCH_LABEL=c1 src/bench/boot.sh   # a JVM option compared in one run
#
# A first start runs every migration on an empty database and seeds the demo city, as each test portal does;
# a restart finds the schema current. Prints one line per start (launch to first page, and Payara's own
# figures for the deployment and the whole start) and appends them to target/bench/boot.md.
BENCH_DB="${BENCH_DB:-loopgate_boot}"
source "$(dirname "$0")/lib.sh"
trap stop_portal EXIT
BOOTS="${BENCH_BOOTS:-3}"
LABEL="${BENCH_LABEL:-default}"
export BENCH_DEMO_DATA=true
OUT="$WORK/boot.md"
[[ -f "$OUT" ]] || printf '| when | label | start | launch to first page (s) | deployed in (s) | Payara ready (s) |\n|---|---|---|---|---|---|\n' > "$OUT"

figures() {
    local log="$WORK/server.log"
    local deployed ready
    deployed=$(sed -n 's/.*was successfully deployed in \([0-9,]*\) milliseconds.*/\1/p' "$log" | tr -d , | tail -1)
    ready=$(sed -n 's/.*ready in \([0-9,]*\) (ms).*/\1/p' "$log" | tr -d , | tail -1)
    printf '%s %s\n' "$(python3 -c "print(round(${deployed:-0}/1000, 1))")" "$(python3 -c "print(round(${ready:-0}/1000, 1))")"
}

one() {
    local kind="$1"
    start_portal
    read -r deployed ready < <(figures)
    stop_portal
    printf '| %s | %s | %s | %s | %s | %s |\n' "$(date -u +%FT%H:%MZ)" "$LABEL" "$kind" "$START_SECONDS" "$deployed" "$ready" | tee -a "$OUT"
}

for i in $(seq 1 "$BOOTS"); do
    dropdb --if-exists "$BENCH_DB"
    createdb "$BENCH_DB"
    rm -rf "$WORK/data"
    one first
done
for i in $(seq 1 "$BOOTS"); do
    one restart
done
dropdb --if-exists "$BENCH_DB"
