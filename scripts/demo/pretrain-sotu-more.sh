#!/usr/bin/env bash
# Pre-training demonstration a, second stage: continues pre-training the SOTU BERT of
# scripts/demo/pretrain-sotu.sh (same corpus, masked LM + next sentence) for STEPS more steps, starting
# from its weights with a fresh optimizer, and runs fill-mask on the result. Writes data/runs/sotu-bert-2.
set -euo pipefail
cd "$(dirname "$0")/../.."
read -r -a BERT4J <<< "${BERT4J:-./bert4j}"
steps=${STEPS:-1000}
[ -f data/runs/sotu-bert/model.safetensors ] || { echo "run scripts/demo/pretrain-sotu.sh first" >&2; exit 1; }
rm -rf data/runs/sotu-bert-2
start=$(date +%s)
"${BERT4J[@]}" train --task pretraining --model data/runs/sotu-bert \
  --train data/sotu-corpus/train.txt --eval data/sotu-corpus/eval.txt --out data/runs/sotu-bert-2 \
  --max-steps "$steps" --batch-size 16 --max-length 128 --learning-rate 5e-4 --warmup-steps 50 \
  --weight-decay 0.01 --eval-steps 250 --save-steps 250 --seed 43 "$@"
echo "wall time: $(( $(date +%s) - start )) s"
for s in "the [MASK] of the united states ." "congress should [MASK] the budget ." \
         "our [MASK] forces are the strongest in the world ." "i ask the congress to pass this [MASK] ." \
         "the war in [MASK] must end ." "we must reduce the national [MASK] ."; do
  echo "$s"; "${BERT4J[@]}" fill-mask --model data/runs/sotu-bert-2 -q --top-k 5 "$s"
done
