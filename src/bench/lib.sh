# Shared helpers of the benchmark scripts (sourced). Environment:
#   BENCH_PGHOST (127.0.0.1) BENCH_PGPORT (5432) BENCH_PGUSER (postgres) BENCH_PGPASSWORD (x, ignored with trust auth)
#   BENCH_DB (loopgate_bench) BENCH_PORT (portal HTTP port; default: a free one, never 8080)
#   BENCH_WAR (the WAR to deploy; default target/loopgate.war)
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
start_portal() {
    ensure_build
    local port="${BENCH_PORT:-$(free_port)}"
    [[ "$port" == 8080 ]] && { echo "port 8080 is reserved" >&2; exit 1; }
    rm -rf "$WORK/payara"
    printf 'set configs.config.server-config.network-config.network-listeners.network-listener.http-listener.address=127.0.0.1\n' \
        > "$WORK/preboot.asadmin"
    local t0; t0=$(date +%s.%N)
    LOOPGATE_DB_URL="jdbc:postgresql://$PGHOST:$PGPORT/$BENCH_DB" LOOPGATE_DB_USER="$PGUSER" LOOPGATE_DB_PASSWORD="$PGPASSWORD" \
    LOOPGATE_PORT="$port" LOOPGATE_DEMO_DATA=false LOOPGATE_COOKIE_SECURE=false \
    LOOPGATE_PUBLIC_URL="http://127.0.0.1:$port" LOOPGATE_DATA_DIR="$WORK/data" \
        java -Xmx${BENCH_HEAP:-1g} -XX:+UseSerialGC -Dfile.encoding=UTF-8 -Djava.net.preferIPv4Stack=true \
        -jar "$ROOT/target/payara-micro.jar" --deploy "${BENCH_WAR:-$ROOT/target/loopgate.war}" --contextroot / --port "$port" \
        --rootdir "$WORK/payara" --prebootcommandfile "$WORK/preboot.asadmin" --nocluster \
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
