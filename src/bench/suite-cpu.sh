#!/usr/bin/env bash
# Where the test suite's CPU goes (issue 21): runs a command (default: mvn -B verify) while sampling every process's
# cumulative CPU time every 2 s (ps), and reports the wall time, the CPU-seconds all cores were busy (/proc/stat) and
# the CPU-seconds by kind of process. A process that ends between two samples loses at most its last 2 s.
#
#   src/bench/suite-cpu.sh                          # mvn -B verify in this checkout
#   src/bench/suite-cpu.sh env CI=true bash .ci/run   # what CI runs
#
# Writes target/bench/suite-cpu.md (and prints it).
set -u
ROOT="$(cd "$(dirname "$0")/../.." && pwd)"
OUT="$ROOT/target/bench"; mkdir -p "$OUT"
SAMPLES="$OUT/suite-cpu.samples"; : > "$SAMPLES"
# What processes running before the command had already used is taken off.
ps -eww -o pid=,times=,args= > "$SAMPLES.start"
[[ $# -gt 0 ]] || set -- mvn -B verify
busy() { awk '/^cpu /{print $2 + $3 + $4 + $7 + $8, $5 + $6}' /proc/stat; }
(
    while true; do
        ps -eww -o pid=,times=,args= >> "$SAMPLES"
        sleep 2
    done
) &
SAMPLER=$!
trap 'kill $SAMPLER 2>/dev/null' EXIT
read -r B0 I0 < <(busy); T0=$(date +%s)
"$@"; RC=$?
read -r B1 I1 < <(busy); T1=$(date +%s)
kill $SAMPLER 2>/dev/null
python3 - "$SAMPLES" "$SAMPLES.start" "$((T1 - T0))" "$B0" "$B1" "$I0" "$I1" "$(getconf CLK_TCK)" "$(nproc)" "$RC" "$*" <<'PY' | tee "$OUT/suite-cpu.md"
import sys, collections
samples, start, wall, b0, b1, i0, i1, hz, cores, rc, cmd = sys.argv[1:]
wall, hz, cores = int(wall), int(hz), int(cores)
busy = (int(b1) - int(b0)) / hz
def read(path):
    """pid -> (its latest CPU seconds, the command line it was first seen with: an ending process shows "[java]")."""
    seen = {}
    for line in open(path, errors="replace"):
        parts = line.split(None, 2)
        if len(parts) == 3 and parts[0].isdigit():
            first = seen.get(parts[0], (0, parts[2].strip()))[1]
            seen[parts[0]] = (int(parts[1]), first)
    return seen
before = read(start)
last = {pid: (t - before[pid][0] if pid in before and before[pid][1] == a else t, a) for pid, (t, a) in read(samples).items()}
def kind(a):
    if "payara-micro" in a: return "Payara Micro nodes"
    if "keycloak" in a or "quarkus" in a: return "Keycloak"
    if "chromedriver" in a: return "chromedriver"
    if "chrom" in a: return "Chromium"
    if "postgres" in a or "initdb" in a or "pg_ctl" in a: return "PostgreSQL"
    if "surefirebooter" in a: return "test JVMs (surefire, failsafe)"
    if "plexus-classworlds" in a: return "Maven"
    return "other (the machine's own services, tools)"
total, count, top = collections.Counter(), collections.Counter(), collections.defaultdict(list)
for pid, (t, a) in last.items():
    total[kind(a)] += t; count[kind(a)] += 1; top[kind(a)].append(t)
print(f"# The test suite's CPU, {cores} cores\n")
print(f"Command: `{cmd}` (exit {rc}). Wall {wall // 60}:{wall % 60:02d} min; all cores busy {busy:,.0f} CPU-seconds, "
      f"{100 * busy / (cores * wall):.0f} % of {cores} x {wall} s.\n")
print("| processes | count | CPU-seconds | largest |\n|---|---|---|---|")
for k, t in total.most_common():
    big = ", ".join(str(x) for x in sorted(top[k], reverse=True)[:3])
    print(f"| {k} | {count[k]} | {t:,} | {big} |")
PY
exit $RC
