#!/usr/bin/env bash
# Demonstration a: spam filtering on real mail. Fine-tunes the embedded all-MiniLM-L6-v2 on the
# SpamAssassin public corpus (seeded 80/20 split made by scripts/data/spam.sh) and evaluates on the
# held-out 20%. Writes the model, curves and run.json to data/runs/spam and prints the summary.
set -euo pipefail
cd "$(dirname "$0")/../.."
# BERT4J: the command to run (default ./bert4j), e.g. a frozen build while the sources change
read -r -a BERT4J <<< "${BERT4J:-./bert4j}"
scripts/data/spam.sh
out=data/runs/spam
rm -rf "$out"
start=$(date +%s)
"${BERT4J[@]}" train --task text-classification --train data/spam/train.jsonl --eval data/spam/test.jsonl \
  --out "$out" --epochs 2 --learning-rate 5e-5 --warmup-ratio 0.1 --max-length 128 --batch-size 16 \
  --seed 42 "$@"
echo "wall time: $(( $(date +%s) - start )) s"
