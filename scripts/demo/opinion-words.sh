#!/usr/bin/env bash
# Demonstration d: sentiment. Fine-tunes all-MiniLM-L6-v2 to tell positive from negative opinion words of
# the Hu & Liu opinion lexicon (human-labelled; scripts/data/opinion-words.sh makes a seeded 80/20 split
# over words, so every test word is unseen in training) and reports held-out accuracy and F1.
set -euo pipefail
cd "$(dirname "$0")/../.."
# BERT4J: the command to run (default ./bert4j), e.g. a frozen build while the sources change
read -r -a BERT4J <<< "${BERT4J:-./bert4j}"
scripts/data/opinion-words.sh
out=data/runs/opinion
rm -rf "$out"
start=$(date +%s)
"${BERT4J[@]}" train --task text-classification --train data/opinion/train.jsonl --eval data/opinion/test.jsonl \
  --out "$out" --epochs 3 --learning-rate 5e-5 --warmup-ratio 0.1 --max-length 16 --batch-size 32 \
  --seed 42 "$@"
echo "wall time: $(( $(date +%s) - start )) s"
for w in "delightful" "atrocious" "a masterpiece" "a waste of time"; do
  printf "%s: " "$w"; "${BERT4J[@]}" classify --model "$out" -q "$w"
done
