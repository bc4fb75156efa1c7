#!/usr/bin/env bash
# Process start to first embedding, whole processes, one sentence:
#   bert4j: `./bert4j embed -q "one sentence"` as a user runs it (the launcher, its JDK finder and AOT start-up cache);
#   ORT:    `java -cp ... dev.bert4j.bench.OrtOneShot DIR "one sentence"`, what an ONNX Runtime Java user writes
#           (DJL's Hugging Face tokenizers, ORT on the all-MiniLM-L6-v2 ONNX file, mean pooling, normalization),
#           started with a plain `java -cp` and no AOT cache, as ORT users run it;
#   ORT + AOT cache (an extra row, not how ORT users run it): the same with a JDK AOT cache made by one training
#           run, as bert4j's launcher makes its own.
# Untimed first: builds, model cache and extraction, and a check that both print the same vector (cosine >=
# 0.9999). Then RUNS runs of each, alternating (the order reversed every other round), each timed by GNU time:
# wall, user + system CPU, peak resident memory. Prints a Markdown table and the machine line.
# Usage: scripts/bench/startup.sh [RUNS (15)] [TEXT ("one sentence")]   (ORT_MODEL_DIR: where ORT's model files are
# extracted)
set -euo pipefail
. "$(dirname "$0")/process-common.sh"
runs=${1:-15}
text=${2:-one sentence}

need_gnu_time
build_classpaths
ort=("$java" "${ort_flags[@]}" -cp "$ort_cp" dev.bert4j.bench.OrtOneShot "$ort_model_dir")
ort_aot=("$java" "${ort_flags[@]}" -XX:AOTCache="$work/ort.aot" -cp "$ort_cp" dev.bert4j.bench.OrtOneShot "$ort_model_dir")
agree() { "$java" -cp "$bench_cp" dev.bert4j.bench.EmbeddingAgreement "$@"; }

echo "untimed first runs (build, caches, model extraction) and the agreement check..." >&2
"$root/bert4j" embed -q "$text" >"$work/bert4j.jsonl"
"${ort[@]}" "$text" >"$work/ort.jsonl" 2>"$work/stderr.txt"
"$java" "${ort_flags[@]}" -XX:AOTCacheOutput="$work/ort.aot" -cp "$ort_cp" dev.bert4j.bench.OrtOneShot \
  "$ort_model_dir" "Start-up cache training." "A second, somewhat longer sentence." >/dev/null 2>&1
[ -s "$work/ort.aot" ] || { echo "the JDK made no AOT cache for OrtOneShot" >&2; exit 1; }
"${ort_aot[@]}" "$text" >"$work/ort-aot.jsonl" 2>"$work/stderr.txt"
plain=$(agree "$work/bert4j.jsonl" "$work/ort.jsonl")
cached=$(agree "$work/bert4j.jsonl" "$work/ort-aot.jsonl")
check="bert4j vs ORT: $plain; bert4j vs ORT + AOT cache: $cached"
echo "$check" >&2

: >"$work/t.bert4j"; : >"$work/t.ort"; : >"$work/t.ort-aot"
run_bert4j() { measure "$work/t.bert4j" /dev/null /dev/null "$root/bert4j" embed -q "$text"; }
run_ort() { measure "$work/t.ort" /dev/null /dev/null "${ort[@]}" "$text"; }
run_ort_aot() { measure "$work/t.ort-aot" /dev/null /dev/null "${ort_aot[@]}" "$text"; }
load_before=$(load)
for ((i = 0; i < runs; i++)); do
  if ((i % 2 == 0)); then run_bert4j; run_ort; run_ort_aot; else run_ort_aot; run_ort; run_bert4j; fi
  echo "round $((i + 1))/$runs done" >&2
done

echo "### Process start to first embedding (one text: \"$text\")"
echo
table_header process
table_row '`./bert4j embed -q` (launcher, AOT cache)' "$work/t.bert4j"
table_row 'ORT `OrtOneShot`, plain `java -cp`' "$work/t.ort"
table_row 'ORT `OrtOneShot` + AOT cache (extra, not how ORT users run it)' "$work/t.ort-aot"
ratio_row 'ORT / bert4j (medians)' "$work/t.ort" "$work/t.bert4j"
echo
echo "ORT / bert4j above 1 means bert4j takes less (time, CPU or memory); peak RSS is the JVM's, with its default heap sizing."
echo "Vectors: $check."
machine_line "$load_before"
