#!/usr/bin/env bash
# Demonstration c: extractive question answering trained and evaluated end to end. Builds a SQuAD v1.1
# file of cloze questions from the real text of the State of the Union addresses (scripts/data/sotu-qa.sh,
# whole addresses held out for evaluation), fine-tunes all-MiniLM-L6-v2 with a QA head, evaluates through
# the qa pipeline (exact match and F1), and asks the trained model one held-out question with `bert4j qa`.
set -euo pipefail
cd "$(dirname "$0")/../.."
# BERT4J: the command to run (default ./bert4j), e.g. a frozen build while the sources change
read -r -a BERT4J <<< "${BERT4J:-./bert4j}"
scripts/data/sotu-qa.sh
out=data/runs/sotu-qa
rm -rf "$out"
start=$(date +%s)
"${BERT4J[@]}" train --task question-answering --train data/sotu-qa/train.json --eval data/sotu-qa/dev.json \
  --out "$out" --epochs 2 --learning-rate 1e-4 --warmup-ratio 0.1 --max-length 256 --doc-stride 64 \
  --batch-size 16 --seed 42 "$@"
echo "wall time: $(( $(date +%s) - start )) s"
python3 - "$out" <<'PY'
import json, subprocess, sys
d = json.load(open("data/sotu-qa/dev.json"))
p = d["data"][0]["paragraphs"][0]
q = p["qas"][0]
print("question:", q["question"])
print("gold:", [a["text"] for a in q["answers"]])
import os, shlex
r = subprocess.run(shlex.split(os.environ.get("BERT4J", "./bert4j")) + ["qa", "--model", sys.argv[1], "--max-seq-len", "256", "--doc-stride", "64", "-q",
                    "--question", q["question"], "--context", p["context"]], capture_output=True, text=True)
print("bert4j qa:", r.stdout.strip() or r.stderr.strip())
PY
