#!/usr/bin/env bash
# Pre-training demonstration a, a further stage: continues pre-training the SOTU BERT of
# scripts/demo/pretrain-sotu.sh (same corpus, masked LM + next sentence) for STEPS more steps, starting
# from its weights with a fresh optimizer, and runs fill-mask on the result.
# FROM (default data/runs/sotu-bert) is the stage to start from, OUT (default data/runs/sotu-bert-2) the
# one written; LR and WARMUP set the peak learning rate and its warm-up steps.
set -euo pipefail
cd "$(dirname "$0")/../.."
read -r -a BERT4J <<< "${BERT4J:-./bert4j}"
steps=${STEPS:-1000}
from=${FROM:-data/runs/sotu-bert}
out=${OUT:-data/runs/sotu-bert-2}
[ -f "$from/model.safetensors" ] || { echo "$from has no model: run scripts/demo/pretrain-sotu.sh first" >&2; exit 1; }
rm -rf "$out"
start=$(date +%s)
"${BERT4J[@]}" train --task pretraining --model "$from" \
  --train data/sotu-corpus/train.txt --eval data/sotu-corpus/eval.txt --out "$out" \
  --max-steps "$steps" --batch-size 16 --max-length 128 --learning-rate "${LR:-5e-4}" --warmup-steps "${WARMUP:-50}" \
  --weight-decay 0.01 --eval-steps "${EVAL_STEPS:-250}" --save-steps "${EVAL_STEPS:-250}" --seed "${SEED:-43}" "$@"
echo "wall time: $(( $(date +%s) - start )) s"
for s in "the [MASK] of the united states ." "congress should [MASK] the budget ." \
         "our [MASK] forces are the strongest in the world ." "i ask the congress to pass this [MASK] ." \
         "the war in [MASK] must end ." "we must reduce the national [MASK] ."; do
  echo "$s"; "${BERT4J[@]}" fill-mask --model "$out" -q --top-k 5 "$s"
done
