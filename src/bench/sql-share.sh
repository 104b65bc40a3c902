#!/usr/bin/env bash
# The database's own share of a filing and of a gate scan (issue 22.1, 22.2): pgbench replays the statements one
# request sends (src/bench/filing.sql, src/bench/scan.sql, captured from the portal with log_statement = all), with no
# application server, beside pgbench's single-row INSERT, the JDK's Ed25519 verifications and the filing's writes alone.
# Needs a city in $BENCH_DB (src/bench/generate-city.sh). Writes only into bench_* copies, dropped at the end.
#
#   src/bench/sql-share.sh                 # 16 clients for the filing rows, 8 for the scan rows, 20 s each
source "$(dirname "$0")/lib.sh"
DUR="${BENCH_DURATION:-20}"
FC="${BENCH_FLOOR_CLIENTS:-16}"; GC="${BENCH_GATE_CLIENTS:-8}"
q() { psql -X -q -d "$BENCH_DB" "$@"; }
q -c "drop table if exists bench_filing_report, bench_filing_audit, bench_insert, bench_scan, bench_scan_permit" \
  -c "create table bench_filing_report (like daily_report including all)" \
  -c "create table bench_filing_audit (like audit_entry including all)" \
  -c "create table bench_scan (like gate_scan including all)" \
  -c "create table bench_insert (id bigserial primary key, firm_id bigint not null, day date not null, n int not null, at timestamptz not null default now())" \
  -c "create table bench_scan_permit as select (row_number() over (order by md5(id::text)))::int n, id from permit where status = 'ACTIVE' limit 100000" \
  -c "create unique index on bench_scan_permit (n)" -c "analyze bench_scan_permit"
trap 'q -c "drop table if exists bench_filing_report, bench_filing_audit, bench_insert, bench_scan, bench_scan_permit"' EXIT
printf 'insert into bench_insert (firm_id, day, n) values (:client_id, current_date, 0);\n' > "$WORK/insert.sql"
# The filing's two writes alone (its reads answered from memory): one transaction, the report and the audit row.
{ printf '\\set who 1\n\\set firm random(1, 20000)\n\\set back random(0, 3650)\n'
  sed -n '/^BEGIN;/,$p' "$BENCH_DIR/filing.sql" | sed 's/:u_firm_id/:firm/g; s/:u_username/:who/g'; } > "$WORK/filing-writes.sql"
# scan.sql picks its permit with one primary-key read of bench_scan_permit; measured alone to take it out again.
printf '\\set k random(1, 100000)\nSELECT id FROM bench_scan_permit WHERE n = :k;\n' > "$WORK/scan-pick.sql"
tps() { pgbench -n -M prepared -c "$1" -j 2 -T "$DUR" -f "$2" "$BENCH_DB" 2>&1 | sed -n 's/^tps = \([0-9.]*\).*/\1/p'; }
F=$(tps "$FC" "$BENCH_DIR/filing.sql"); W=$(tps "$FC" "$WORK/filing-writes.sql"); I16=$(tps "$FC" "$WORK/insert.sql")
S=$(tps "$GC" "$BENCH_DIR/scan.sql"); P=$(tps "$GC" "$WORK/scan-pick.sql"); I8=$(tps "$GC" "$WORK/insert.sql")
E=$(java "$BENCH_DIR/Ed25519Bench.java" 2 "$DUR" | sed -n 's/.* rate=\([0-9.]*\).*/\1/p')
python3 - "$F" "$W" "$I16" "$S" "$P" "$I8" "$E" "$FC" "$GC" <<'PY'
import sys
f, w, i16, s, p, i8, e = map(float, sys.argv[1:8]); fc, gc = sys.argv[8:10]
scan = 1 / (1 / s - 1 / p)
print(f"| a filing's statements (3 reads, 2 writes, 1 commit), {fc} clients | {f:,.0f} TPS | {100 * f / i16:.1f} % of the single-row INSERT |")
print(f"| its two writes alone (report + audit row, 1 commit), {fc} clients | {w:,.0f} TPS | {100 * w / i16:.1f} % |")
print(f"| pgbench single-row INSERT, {fc} clients | {i16:,.0f} TPS | 100 % |")
print(f"| a gate scan's statements (facts + logged row), {gc} clients, less the permit pick | {scan:,.0f} TPS | {100 * scan / e:.1f} % of the JDK's Ed25519 ({e:,.0f} /s) |")
print(f"| pgbench single-row INSERT, {gc} clients | {i8:,.0f} TPS | - |")
PY
