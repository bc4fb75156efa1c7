#!/usr/bin/env bash
# Pre-training demonstration b: domain adaptation. Continues masked-LM pre-training of the SOTU BERT
# (scripts/demo/pretrain-sotu.sh, a model of political prose) on Moby Dick, and reports the held-out
# Moby Dick MLM loss before and after; then fine-tunes both models on a small task of that domain
# (dialogue or narration, scripts/data/moby-dick.sh) and compares their held-out accuracy.
set -euo pipefail
cd "$(dirname "$0")/../.."
read -r -a BERT4J <<< "${BERT4J:-./bert4j}"
scripts/data/moby-dick.sh
base=data/runs/sotu-bert
[ -f "$base/model.safetensors" ] || { echo "run scripts/demo/pretrain-sotu.sh first" >&2; exit 1; }
rm -rf data/runs/moby-bert data/runs/moby-cls-base data/runs/moby-cls-adapted
echo "held-out Moby Dick MLM, before:"
"${BERT4J[@]}" eval --task mlm --model "$base" --data data/moby-dick/eval.txt -q
start=$(date +%s)
"${BERT4J[@]}" train --task mlm --model "$base" --train data/moby-dick/train.txt --eval data/moby-dick/eval.txt \
  --out data/runs/moby-bert --max-steps 400 --batch-size 16 --max-length 128 --learning-rate 2e-4 \
  --warmup-steps 40 --eval-steps 100 --save-steps 100 --seed 42 "$@"
echo "adaptation wall time: $(( $(date +%s) - start )) s"
echo "held-out Moby Dick MLM, after:"
"${BERT4J[@]}" eval --task mlm --model data/runs/moby-bert --data data/moby-dick/eval.txt -q
for m in base adapted; do
  src=$base; [ "$m" = adapted ] && src=data/runs/moby-bert
  "${BERT4J[@]}" train --task text-classification --model "$src" --train data/moby-dick/sentences-train.jsonl \
    --eval data/moby-dick/sentences-test.jsonl --out "data/runs/moby-cls-$m" --epochs 3 --batch-size 16 \
    --max-length 64 --learning-rate 1e-4 --warmup-ratio 0.1 --seed 42 -q
done
