#!/usr/bin/env bash
# GFLOP/s against the machine's FMA peak:
#   1. dev.bert4j.bench.FmaPeak: one thread's and two threads' peak single-precision FMA throughput with the
#      Vector API (12 independent chains of FloatVector.SPECIES_PREFERRED fma per thread);
#   2. dev.bert4j.bench.EncoderBenchmark: bert4j against ONNX Runtime on all-MiniLM-L6-v2 at 12, 128 and 512
#      tokens and a padded batch of 8, on 1 and 2 threads, with a second table of effective GFLOP/s (Linears and
#      attention products) and % of the FMA peak measured in the same process;
#   3. dev.bert4j.bench.LinearKernelBenchmark: the Linear kernel alone on one thread, per Linear shape of the model at
#      128 rows, with its weights in cache and cycled from memory, and with the intermediate's GELU: how much of the
#      gap between the encoder and the FMA peak is the kernel's own and how much lies around it.
# Prints both Markdown tables and the machine line. EncoderBenchmark also writes its "## Encoder" section into
# BENCH_REPORT: a scratch copy by default; BENCH_REPORT=BENCHMARKS.md updates the repository's.
# Usage: scripts/bench/efficiency.sh [REPETITIONS (7)]
set -euo pipefail
. "$(dirname "$0")/process-common.sh"
reps=${1:-7}
report=${BENCH_REPORT:-$work/BENCHMARKS.md}

build_classpaths
vector=(--add-modules jdk.incubator.vector --enable-native-access=ALL-UNNAMED)
load_before=$(load)
echo "### FMA peak"
echo
"$java" "${vector[@]}" -cp "$bench_cp" dev.bert4j.bench.FmaPeak "$reps" 1,2 2>/dev/null | grep -v '^FMA peak,'
echo
(cd "$root" && "$java" "${vector[@]}" -cp "$bench_cp" dev.bert4j.bench.EncoderBenchmark "$reps" "$report") \
  2>"$work/stderr.txt" | sed -n '/^## Encoder/,$p' || { tail -n 20 "$work/stderr.txt" >&2; exit 1; }
echo
echo "### The Linear kernel alone (1 thread)"
echo
"$java" "${vector[@]}" -cp "$bench_cp" dev.bert4j.bench.LinearKernelBenchmark "$reps" 2>/dev/null | grep -v '^FMA peak, 1 thread(s)'
echo
machine_line "$load_before"
