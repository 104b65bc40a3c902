#!/usr/bin/env bash
# Firm import benchmark (issue 18.2): a firm list of ROWS rows (default 20,000), checked (dry run) and imported
# over REST, timed. Target: dry run + import under 30 s on the project's 2-core machine (docs/performance.md).
#
#   src/bench/firm-import.sh                       # starts the integration tests' portal: FirmImportIT's benchmark
#   LOOPGATE_URL=http://127.0.0.1:18080 src/bench/firm-import.sh   # against a running portal (built-in login)
#
# Settings: ROWS (20000; in the IT mode a comma-separated list of sizes, run in turn), MANAGERS (0; in the REST
# mode 1 = every row also invites its manager, with a phone, through the account package; in the IT mode N = one
# more list of N rows that invites every manager), FORMAT (csv, or xlsx when python3 has openpyxl; the IT mode sends .xlsx), PARK (a park code; default the first
# park the API lists), LOOPGATE_USER / LOOPGATE_PASSWORD (admin / loopgate123).
# The run WRITES: ROWS new firms (fresh credit codes every run) and, with MANAGERS=1, ROWS users.
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
ROWS=${ROWS:-20000}
MANAGERS=${MANAGERS:-0}
FORMAT=${FORMAT:-csv}

if [[ -z "${LOOPGATE_URL:-}" ]]; then
    cd "$ROOT"
    mvn -B -o verify -Dtest=NONE -Dsurefire.failIfNoSpecifiedTests=false -Dit.test='FirmImportIT#benchmark' \
        -Dloopgate.bench.firmImportRows="$ROWS" -Dloopgate.bench.firmImportManagers="$MANAGERS" \
        | tee "${TMPDIR:-/tmp}/firm-import-bench.log" | grep -E '^BENCH|Tests run:|BUILD'
    exit "${PIPESTATUS[0]}"
fi

AUTH="${LOOPGATE_USER:-admin}:${LOOPGATE_PASSWORD:-loopgate123}"
API="$LOOPGATE_URL/api/v1"
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT
PARK=${PARK:-$(curl -sf -u "$AUTH" "$API/parks" | jq -r '.[0].code')}

# Valid unified social credit codes (GB 32100 check character), unique per run; names and phones alike.
python3 - "$ROWS" "$MANAGERS" "$PARK" "$WORK/firms.csv" <<'PY'
import random, sys, time
rows, managers, park, out = int(sys.argv[1]), sys.argv[2] == "1", sys.argv[3], sys.argv[4]
chars = "0123456789ABCDEFGHJKLMNPQRTUWXY"
weights = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28]
def code(rnd):
    body = "91" + "510112" + "".join(rnd.choice(chars[:10] + chars[10:]) for _ in range(9))
    s = sum(chars.index(c) * w for c, w in zip(body, weights))
    return body + chars[(31 - s % 31) % 31]
rnd = random.Random(time.time_ns())
seen = set()
with open(out, "w", encoding="utf-8") as f:
    f.write("\ufeff企业名称,统一社会信用代码,所属园区,行业,规模类别,四上类别,登记职工人数,联系人,联系电话"
            + (",管理员账号,管理员手机" if managers else "") + "\n")
    tag = format(time.time_ns() % 10**9, "x")
    for i in range(rows):
        c = code(rnd)
        while c in seen:
            c = code(rnd)
        seen.add(c)
        phone = "13" + str(rnd.randrange(10**8, 10**9))
        line = f"基准企业{tag}-{i}有限公司,{c},{park},机械装备,{'规上' if i % 3 else '规下'},NONE,{rnd.randrange(10, 3000)},张伟,{phone}"
        if managers:
            line += f",bench-{tag}-{i},{phone}"
        f.write(line + "\n")
PY
FILE="$WORK/firms.csv"
if [[ "$FORMAT" == xlsx ]]; then
    python3 - "$WORK/firms.csv" "$WORK/firms.xlsx" <<'PY' 2>/dev/null || { echo "openpyxl missing: FORMAT=csv" >&2; exit 1; }
import csv, sys
from openpyxl import Workbook
wb = Workbook(write_only=True); ws = wb.create_sheet("firms")
with open(sys.argv[1], encoding="utf-8-sig") as f:
    for r in csv.reader(f):
        ws.append(r)
wb.save(sys.argv[2])
PY
    FILE="$WORK/firms.xlsx"
fi

echo "BENCH file $(basename "$FILE"): $ROWS rows, $(stat -c %s "$FILE") bytes, park $PARK, managers=$MANAGERS"
t0=$(date +%s.%N)
curl -sf -u "$AUTH" -H 'Content-Type: application/octet-stream' --data-binary "@$FILE" \
    "$API/firm-imports?fileName=$(basename "$FILE")" -o "$WORK/dry.json"
t1=$(date +%s.%N)
id=$(jq -r .id "$WORK/dry.json")
echo "BENCH dry run: $(jq -c '{totalRows, validRows, invalidRows, newRows}' "$WORK/dry.json") in $(python3 -c "print(round($t1 - $t0, 2))") s"
curl -sf -u "$AUTH" -H 'Content-Type: application/json' -d '{"validOnly": false}' "$API/firm-imports/$id/import" -o "$WORK/done.json"
t2=$(date +%s.%N)
echo "BENCH import: $(jq -c '{importedRows, invitedManagers}' "$WORK/done.json") in $(python3 -c "print(round($t2 - $t1, 2))") s"
echo "BENCH total dry run + import: $(python3 -c "print(round($t2 - $t0, 2))") s (target < 30 s)"
