#!/usr/bin/env bash
# Fills a PostgreSQL database with a city (issue 9): 30 parks in 6 districts, 20,000 firms, 1,000,000
# workers, 90 days of daily reports, 200,000 whitelist cards (+10,000 pending), 50,000 vehicle passes,
# 5,000 problems, and benchmark users (bench-analyst, bench-guard, bench-admin, bench-mgr-001..200,
# password loopgate123). The schema is the application's own: the portal is started once so that
# Flyway creates it, then src/bench/generate-city.sql fills it set-based.
#
#   src/bench/generate-city.sh            # database loopgate_bench on 127.0.0.1:5432 (dropped and re-created)
#   BENCH_DB=mycity src/bench/generate-city.sh
#   BENCH_SCALE=0.01 src/bench/generate-city.sh   # 1/100 of the city (10 for a province of ten cities)
source "$(dirname "$0")/lib.sh"
trap stop_portal EXIT

log "re-creating database $BENCH_DB on $PGHOST:$PGPORT"
dropdb --if-exists "$BENCH_DB"
createdb "$BENCH_DB"

log "starting the portal once so that Flyway creates the schema"
start_portal
stop_portal

# One PBKDF2 hash for all benchmark users, in the portal's format (Soteria Pbkdf2PasswordHash,
# PBKDF2WithHmacSHA256, 210,000 iterations, 32-byte salt and key).
HASH=$(python3 -c '
import hashlib, os, base64
s = os.urandom(32)
h = hashlib.pbkdf2_hmac("sha256", b"loopgate123", s, 210000, 32)
print("PBKDF2WithHmacSHA256:210000:%s:%s" % (base64.b64encode(s).decode(), base64.b64encode(h).decode()))')

log "generating the city (set-based SQL; resident IDs sealed by src/bench/SealResidentIds.java)"
seal_classpath >/dev/null
export BENCH_SEAL="$BENCH_DIR/seal.sh" BENCH_DB
t0=$(date +%s)
psql -X -q -d "$BENCH_DB" -v hash="$HASH" -v scale="${BENCH_SCALE:-1}" -f "$BENCH_DIR/generate-city.sql"
log "city generated in $(( $(date +%s) - t0 )) s"
