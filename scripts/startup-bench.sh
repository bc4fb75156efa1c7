#!/usr/bin/env bash
# Process start to first embedding: `./bert4j embed "one sentence"` as a user runs it, against the launcher
# and JDK finder of an earlier commit (default: the one before the start-up cache), on the same jar.
# Runs the two alternately, so a machine loaded by other work weighs on both alike, and prints the median,
# minimum and maximum wall time and CPU time (user + system) of each.
# Usage: scripts/startup-bench.sh [runs (15)] [baseline commit (e0f07f1^)]
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
runs=${1:-15}
base_rev=${2:-e0f07f1^}
text="one sentence"

"$root/bert4j" embed -q "$text" >/dev/null          # builds the jar and the start-up cache if needed

base=$(mktemp -d)
trap 'rm -rf "$base"' EXIT
mkdir -p "$base/.mvn" "$base/cli"
git -C "$root" show "$base_rev:bert4j" >"$base/bert4j"
git -C "$root" show "$base_rev:.mvn/find-jdk.sh" >"$base/.mvn/find-jdk.sh"
chmod +x "$base/bert4j"
ln -s "$root/cli/target" "$base/cli/target"          # the same jar; its sources are absent, so no rebuild

measure() {   # prints "wall_seconds cpu_seconds" of one run of launcher $1
  local out
  out=$( { TIMEFORMAT='%R %U %S'; time "$1" embed -q "$text" >/dev/null 2>/dev/null; } 2>&1 )
  awk '{printf "%.3f %.3f\n", $1, $2 + $3}' <<<"$out"
}

: >"$base/before"; : >"$base/after"
for ((i = 0; i < runs; i++)); do
  measure "$base/bert4j" >>"$base/before"
  measure "$root/bert4j" >>"$base/after"
done

summary() {   # median, min, max of column $2 of file $1
  sort -n -k"$2" "$1" | awk -v c="$2" '{v[NR]=$c} END {m = NR % 2 ? v[(NR+1)/2] : (v[NR/2]+v[NR/2+1])/2;
    printf "median %.2f s (min %.2f, max %.2f)", m, v[1], v[NR]}'
}
echo "machine: $(lscpu | sed -n 's/^Model name: *//p'), $(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg); $runs runs each, alternating"
for v in before after; do
  echo "$v: wall $(summary "$base/$v" 1); cpu $(summary "$base/$v" 2)"
done
