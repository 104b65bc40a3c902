#!/usr/bin/env bash
# Bulk benchmarks (issue 9 e/f and the liaison's approval queue), each figure beside its baseline measured
# in the same run. Sourced by src/bench/run.sh, which calls `bulk_phases` once with the portal up; or run
# alone (starts and stops its own portal):
#
#   src/bench/bulk.sh                                         # BENCH_DB defaults to loopgate_bench_bulk here
#   BENCH_PHASES=pdf,queue BENCH_DB=... src/bench/bulk.sh     # only some: pdf, import, queue (default all)
#
# The phases WRITE to the database (src/bench/bulk.sql adds a liaison for BP01 and a firm with a 1,000-card
# batch; every import run adds a firm and 10,000 workers): use a copy of the city,
#   createdb -h 127.0.0.1 -U postgres -T loopgate_bench loopgate_bench_bulk
# Other settings: BENCH_PDF_SAMPLES (3), BENCH_PDFBOX_SECONDS (10), BENCH_IMPORT_ROWS (10000),
# BENCH_IMPORT_RUNS (2), BENCH_QUEUE_SAMPLES (40). Rows go to $OUT (run.sh's results table) via run.sh's `row`.

# CPU seconds the portal process has used so far (user + system): on a shared, noisy machine the CPU a
# request costs is steadier than its wall time, which includes waiting for a core.
portal_cpu() { awk -v hz="$(getconf CLK_TCK)" '{ printf "%.2f", ($14 + $15) / hz }' "/proc/$PORTAL_PID/stat"; }
cpu_since() { python3 -c "print(round($(portal_cpu) - $1, 2))"; }

# (e) 1,000-card batch PDF over GET /api/v1/permits/pdf vs raw PDFBox one-page documents/s (src/bench/PdfBench.java).
bulk_pdf() {
    local firm cp auth n="${BENCH_PDF_SAMPLES:-3}" times=() sizes=()
    firm=$(psql -X -Atd "$BENCH_DB" -c "select firm_id from app_user where username = 'bench-print-mgr'")
    cp=$(bulk_pdfbox_classpath)
    log "PdfBench: raw PDFBox one-page documents for ${BENCH_PDFBOX_SECONDS:-10}s"
    local raw; raw=$(java -Xmx256m -cp "$cp" "$BENCH_DIR/PdfBench.java" "$ROOT/src/main/resources/fonts/wqy-microhei.ttc" \
        "${BENCH_PDFBOX_SECONDS:-10}" | grep '^STATS')
    log "$raw"
    auth=(-u "bench-print-mgr:$AUTH_PLAIN")
    local url="$BASE/api/v1/permits/pdf?firmId=$firm&type=CARD"
    for _ in 1 2; do curl -s -o /dev/null "${auth[@]}" "$url"; done  # warm-up (font read from the WAR, JIT)
    local heap="$WORK/pdf-heap.txt"
    jstat -gc "$PORTAL_PID" 100 > "$heap" &
    local jstat_pid=$!
    sleep 0.5
    for _ in $(seq 1 "$n"); do
        local c0; c0=$(portal_cpu)
        local r; r=$(curl -s -o "$WORK/cards.pdf" -w '%{http_code} %{time_starttransfer} %{time_total} %{size_download}' "${auth[@]}" "$url")
        [[ "${r%% *}" == 200 ]] || { log "PDF request failed: $r"; kill "$jstat_pid" || true; return 1; }
        cpus+=("$(cpu_since "$c0")")
        times+=("$(awk '{printf "%.2f", $3}' <<< "$r")"); sizes+=("$(awk '{printf "%.1f", $4/1048576}' <<< "$r")")
        log "1,000-card PDF: $r"
    done
    sleep 0.3
    kill "$jstat_pid" 2>/dev/null || true; wait "$jstat_pid" 2>/dev/null || true
    local pages; pages=$(java -cp "$cp" "$BENCH_DIR/PdfBench.java" pages "$WORK/cards.pdf")
    # heap used = survivors + eden + old (KB); the first sample is the idle heap before the first request
    local hs; hs=$(awk '$1 ~ /^[0-9.]+$/ { u = ($3 + $4 + $6 + $8) / 1024; if (!n++) first = u; if (u > max) max = u }
        END { printf "idle %.0f MB, peak %.0f MB", first, max }' "$heap")
    local maxheap; maxheap=$(jcmd "$PORTAL_PID" VM.flags 2>/dev/null | grep -o ' -XX:MaxHeapSize=[0-9]*' | head -1 | cut -d= -f2)
    local perdoc; perdoc=$(field per_s "$raw")
    row "(e) 1,000-card batch PDF, \`GET /api/v1/permits/pdf?firmId=&type=CARD\` (manager; ${pages} A4 pages, 10 cards each), $n requests after two warm-ups" \
        "$(IFS=/; echo "${times[*]}") s (portal CPU $(IFS=/; echo "${cpus[*]}") s), ${sizes[0]} MB; heap (-Xmx $((maxheap / 1048576)) MB) $hs during the requests" \
        "raw PDFBox, same font, A4, one QR image: ${perdoc} one-page documents/s ($(field ms_per_doc "$raw") ms each; 1,000 such documents = $(python3 -c "print(round(1000/$perdoc, 1))") s)" \
        "< 5 s, bounded memory"
}

bulk_pdfbox_classpath() {
    (cd "$ROOT" && mvn -B -q -o dependency:build-classpath -Dmdep.outputFile="$WORK/pdfbench.cp" >/dev/null 2>&1 \
        || mvn -B -q dependency:build-classpath -Dmdep.outputFile="$WORK/pdfbench.cp" >/dev/null)
    tr : '\n' < "$WORK/pdfbench.cp" | grep -E '/(pdfbox|pdfbox-io|fontbox|commons-logging|core)-[0-9][^/]*\.jar$' | paste -sd:
}

# (f) 10,000-row roster import over REST (dry run with validation + import) vs COPY of the same rows.
# BENCH_IMPORT_RUNS (2) imports, each into a new firm: the first after the portal's start runs cold code.
bulk_import() {
    local runs=() i
    IMPORT_TOTAL= IMPORT_DETAIL=
    for i in $(seq 1 "${BENCH_IMPORT_RUNS:-2}"); do
        bulk_import_once || return 1
        runs+=("run $i: ${IMPORT_TOTAL} s (${IMPORT_DETAIL})")
    done
    local copy; copy=$(psql -X -d "$BENCH_DB" <<SQL | sed -n 's/^Time: \([0-9.]*\) ms.*/\1/p' | tail -1
\set ON_ERROR_STOP on
drop table if exists bench_worker_copy;
create table bench_worker_copy (like worker including defaults including constraints including indexes);
-- The clear IDs go into the sealed value's column (the raw COPY baseline seals nothing; the blind index stays empty).
alter table bench_worker_copy alter column resident_id_index drop not null;
\timing on
\copy bench_worker_copy (firm_id, name, resident_id_enc, phone, job, joined_on) from '$WORK/roster-copy.csv' with (format csv)
\timing off
drop table bench_worker_copy;
SQL
)
    log "COPY of the same ${BENCH_IMPORT_ROWS:-10000} rows: ${copy} ms"
    row "(f) ${BENCH_IMPORT_ROWS:-10000}-row roster import (.xlsx, $(( $(stat -c %s "$WORK/roster.xlsx") / 1024 )) KB) over REST into an empty roster: dry run with validation \`POST /api/v1/firms/{id}/roster-imports\` + import \`POST …/{id}/import\`; every row stored (checked in the database)" \
        "$(printf '%s; ' "${runs[@]}")" \
        "COPY of the same rows into a scratch table shaped like worker: $(python3 -c "print(round($copy/1000,2))") s" "< 5 s"
}

bulk_import_once() {
    local rows="${BENCH_IMPORT_ROWS:-10000}" k firm user
    k=$(psql -X -Atd "$BENCH_DB" -c "select count(*) from firm where name like '压测批量导入企业%'")
    user="bench-import-$k"
    # A fresh firm (and manager) per run: an import into an empty roster adds every row, as a first import does.
    psql -X -q -d "$BENCH_DB" -v k="$k" -v user="$user" <<'SQL'
\set ON_ERROR_STOP on
create or replace function pg_temp.credit_check(first17 text) returns char language sql immutable as $$
    select substr('0123456789ABCDEFGHJKLMNPQRTUWXY',
                  ((31 - sum((strpos('0123456789ABCDEFGHJKLMNPQRTUWXY', substr(first17, i, 1)) - 1)
                               * (array[1,3,9,27,19,26,16,17,20,29,25,13,8,24,10,30,28])[i]) % 31) % 31)::int + 1, 1)
    from generate_series(1, 17) i $$;
insert into firm (park_id, credit_code, name, above_size, four_above, industry, registered_staff, legal_rep,
                  contact_name, contact_phone, address, registered_on, resumed_on)
select p.id, c.first17 || pg_temp.credit_check(c.first17), '压测批量导入企业' || :k || '有限公司', true, 'INDUSTRY',
       'MACHINERY', 10000, '法人导入', '联系人导入', '13900900002', '压测路900002号', current_date - 400, current_date - 60
from park p cross join (select '91510100' || lpad((910000 + :k)::text, 9, '0') as first17) c where p.code = 'BP01';
insert into app_user (username, display_name, password_hash, role, firm_id)
select :'user', '压测导入经理', u.password_hash, 'FIRM_MANAGER', f.id
from app_user u, firm f where u.username = 'bench-analyst' and f.name = '压测批量导入企业' || :k || '有限公司';
SQL
    firm=$(psql -X -Atd "$BENCH_DB" -c "select firm_id from app_user where username = '$user'")
    # The same rows as .xlsx (what a manager uploads) and as CSV for COPY: valid resident IDs (GB 11643 check
    # character) and mobile numbers, unique within the file.
    python3 - "$rows" "$WORK/roster.xlsx" "$WORK/roster-copy.csv" "$firm" <<'PY'
import sys, zipfile, datetime
n, xlsx, csv, firm = int(sys.argv[1]), sys.argv[2], sys.argv[3], sys.argv[4]
W = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2]
def rid(k):
    d = datetime.date(1970, 1, 1) + datetime.timedelta(days=k % 12000)
    first17 = "320102" + d.strftime("%Y%m%d") + "%03d" % (k // 12000 % 1000)
    return first17 + "10X98765432"[sum(int(c) * w for c, w in zip(first17, W)) % 11]
rows = [("导入员工%d" % k, rid(k), "15%09d" % k, "质检员", "2023-05-%02d" % (1 + k % 28)) for k in range(1, n + 1)]
def cell(ref, v):
    v = v.replace("&", "&amp;").replace("<", "&lt;")
    return '<c r="%s" t="inlineStr"><is><t>%s</t></is></c>' % (ref, v)
sheet = ['<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>']
for i, r in enumerate([("姓名", "身份证号", "手机号", "岗位", "入职日期")] + rows, start=1):
    sheet.append('<row r="%d">%s</row>' % (i, "".join(cell("%s%d" % ("ABCDE"[j], i), v) for j, v in enumerate(r))))
sheet.append("</sheetData></worksheet>")
with zipfile.ZipFile(xlsx, "w", zipfile.ZIP_DEFLATED) as z:
    z.writestr("[Content_Types].xml", '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/></Types>')
    z.writestr("_rels/.rels", '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>')
    z.writestr("xl/workbook.xml", '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="roster" sheetId="1" r:id="rId1"/></sheets></workbook>')
    z.writestr("xl/_rels/workbook.xml.rels", '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/></Relationships>')
    z.writestr("xl/worksheets/sheet1.xml", "\n".join(sheet))
with open(csv, "w", encoding="utf-8") as f:
    for r in rows:
        f.write("%s,%s,%s,%s,%s,%s\n" % ((firm,) + r))
PY
    local auth=(-u "$user:$AUTH_PLAIN")
    curl -s -o /dev/null "${auth[@]}" "$BASE/api/v1/me"  # first sign-in (PBKDF2) outside the timing
    local t0 t1 t2 check commit id c0 c1
    c0=$(portal_cpu)
    t0=$(date +%s.%N)
    check=$(curl -s -w '\n%{http_code}' "${auth[@]}" -H 'Content-Type: application/octet-stream' --data-binary @"$WORK/roster.xlsx" \
        "$BASE/api/v1/firms/$firm/roster-imports?fileName=roster.xlsx")
    t1=$(date +%s.%N)
    c1=$(portal_cpu)
    [[ "${check##*$'\n'}" == 201 ]] || { log "dry run failed: ${check:0:400}"; return 1; }
    id=$(python3 -c 'import json,sys; d=json.loads(sys.argv[1]); print(d["id"]); assert d["validRows"] == int(sys.argv[2]) and d["invalidRows"] == 0, d' \
        "${check%$'\n'*}" "$rows") || { log "dry run did not find $rows valid rows"; return 1; }
    commit=$(curl -s -w '\n%{http_code}' "${auth[@]}" -H 'Content-Type: application/json' -d '{"validOnly":false}' \
        "$BASE/api/v1/firms/$firm/roster-imports/$id/import")
    t2=$(date +%s.%N)
    local cdry cimp; cdry=$(python3 -c "print(round($c1 - $c0, 2))"); cimp=$(cpu_since "$c1")
    [[ "${commit##*$'\n'}" == 200 ]] || { log "import failed: ${commit:0:400}"; return 1; }
    local stored; stored=$(psql -X -Atd "$BENCH_DB" -c "select count(*) from worker where firm_id = $firm")
    [[ "$stored" == "$rows" ]] || { log "import stored $stored workers, expected $rows"; return 1; }
    local dry imp total
    read -r dry imp total < <(python3 -c "print(round($t1-$t0,2), round($t2-$t1,2), round($t2-$t0,2))")
    log "roster import: dry run ${dry}s (CPU ${cdry}s), import ${imp}s (CPU ${cimp}s), total ${total}s; $stored workers stored"
    IMPORT_TOTAL=$total
    IMPORT_DETAIL="dry run $dry s + import $imp s; portal CPU $cdry + $cimp s"
}

# The liaison's approval queue (JSF, signed-in session) with the 10,000 pending cards of BP01.
bulk_queue() {
    local n="${BENCH_QUEUE_SAMPLES:-40}" pending batches q g p h
    read -r pending batches < <(psql -X -Atd "$BENCH_DB" -F ' ' -c "select count(*), count(distinct b.id) from card_batch_item i
        join card_batch b on b.id = i.batch_id join park p on p.id = b.park_id where p.code = 'BP01' and i.status = 'PENDING'")
    log "queue page: $n GETs and $n pagination requests as bench-liaison"
    q=$(python3 "$BENCH_DIR/jsf_queue.py" "$BASE" bench-liaison "$AUTH_PLAIN" "$n") || { log "jsf_queue.py failed: $q"; return 1; }
    log "$q"
    g=$(grep 'kind=get' <<< "$q"); p=$(grep 'kind=page' <<< "$q"); h=$(grep 'kind=home' <<< "$q")
    row "liaison approval queue \`/liaison/cards.xhtml\` (BP01: $pending pending cards in $batches batches), signed-in session: full page GET, $(field n "$g") requests, $(field rows "$g") rows shown" \
        "p50 $(field p50 "$g") ms, p95 $(field p95 "$g") ms, max $(field max "$g") ms" \
        "home page /index.xhtml (same layout, no table), same session: p50 $(field p50 "$h") ms, p95 $(field p95 "$h") ms" "p95 < 300 ms"
    row "liaison approval queue: the table's pagination request (PrimeFaces AJAX, next pages), $(field n "$p") requests, $(field rows "$p") rows each" \
        "p50 $(field p50 "$p") ms, p95 $(field p95 "$p") ms, max $(field max "$p") ms" "-" "p95 < 300 ms"
}

# Runs the selected phases against the running portal ($BASE, $PORTAL_PID); fixtures first.
bulk_phases() {
    local phases=",${BENCH_PHASES:-pdf,import,queue},"
    log "bulk fixtures (src/bench/bulk.sql; resident IDs sealed by src/bench/SealResidentIds.java)"
    seal_classpath >/dev/null
    BENCH_SEAL="$BENCH_DIR/seal.sh" BENCH_DB="$BENCH_DB" psql -X -q -d "$BENCH_DB" -f "$BENCH_DIR/bulk.sql" >/dev/null
    for u in bench-liaison bench-print-mgr; do curl -s -o /dev/null -u "$u:$AUTH_PLAIN" "$BASE/api/v1/me"; done
    [[ "$phases" == *,pdf,* ]] && bulk_pdf
    [[ "$phases" == *,import,* ]] && bulk_import
    [[ "$phases" == *,queue,* ]] && bulk_queue
    return 0
}

# Alone: own portal, own results file.
if [[ "${BASH_SOURCE[0]}" == "$0" ]]; then
    BENCH_DB="${BENCH_DB:-loopgate_bench_bulk}"
    source "$(dirname "$0")/lib.sh"
    trap stop_portal EXIT
    AUTH_PLAIN=loopgate123
    OUT="$WORK/bulk-results.md"
    row() { printf '| %s | %s | %s | %s |\n' "$1" "$2" "$3" "$4" >> "$OUT"; }
    field() { sed -n "s/.* $1=\([^ ]*\).*/\1/p" <<< "$2"; }
    {
        echo "# Bulk benchmark run $(date -u +%Y-%m-%dT%H:%MZ), database $BENCH_DB"
        echo
        echo "Load average at start $(cut -d' ' -f1-3 /proc/loadavg); $(nproc) cores; portal heap -Xmx${BENCH_HEAP:-1g}."
        echo
        echo "| what | measured | limit / baseline measured in this run | target |"
        echo "|---|---|---|---|"
    } > "$OUT"
    start_portal
    bulk_phases
    stop_portal
    echo >> "$OUT"
    echo "Load average at the end: $(cut -d' ' -f1-3 /proc/loadavg)." >> "$OUT"
    cat "$OUT"
fi
