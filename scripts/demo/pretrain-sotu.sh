#!/usr/bin/env bash
# Pre-training demonstration a: a small BERT (4 layers, hidden 256) pre-trained from scratch (masked LM +
# next sentence) on the State of the Union addresses, with a WordPiece vocabulary trained on the same text.
# Held-out addresses give the MLM loss, accuracy and perplexity, NSP accuracy and the unigram baseline;
# fill-mask then runs on the checkpoint. Writes data/runs/sotu-tokenizer and data/runs/sotu-bert.
# The size and the schedule can be changed: LAYERS (4), HIDDEN (256; heads of 64, feed-forward 4x), STEPS (800),
# BATCH (16), LR (5e-4), WARMUP (80), EVAL_STEPS (200), OUT (data/runs/sotu-bert), e.g. the smaller model of
# docs/training.md: LAYERS=2 HIDDEN=128 BATCH=32 LR=1e-3 WARMUP=1000 STEPS=13000 EVAL_STEPS=1000 OUT=data/runs/sotu-small
set -euo pipefail
cd "$(dirname "$0")/../.."
# BERT4J: the command to run (default ./bert4j), e.g. a frozen build while the sources change
read -r -a BERT4J <<< "${BERT4J:-./bert4j}"
steps=${STEPS:-800}
layers=${LAYERS:-4}
hidden=${HIDDEN:-256}
out=${OUT:-data/runs/sotu-bert}
config="$out.config.json"
scripts/data/sotu-corpus.sh
rm -rf data/runs/sotu-tokenizer "$out"
"${BERT4J[@]}" train-tokenizer --corpus data/sotu-corpus/train.txt --vocab-size 8000 --out data/runs/sotu-tokenizer -q
vocab=$(wc -l < data/runs/sotu-tokenizer/vocab.txt)
mkdir -p data/runs
cat > "$config" <<JSON
{"architectures": ["BertForPreTraining"], "model_type": "bert", "vocab_size": $vocab, "hidden_size": $hidden,
 "num_hidden_layers": $layers, "num_attention_heads": $((hidden / 64)), "intermediate_size": $((4 * hidden)), "hidden_act": "gelu",
 "hidden_dropout_prob": 0.1, "attention_probs_dropout_prob": 0.1, "max_position_embeddings": 128,
 "type_vocab_size": 2, "initializer_range": 0.02, "layer_norm_eps": 1e-12, "pad_token_id": 0}
JSON
start=$(date +%s)
"${BERT4J[@]}" train --task pretraining --config "$config" --tokenizer data/runs/sotu-tokenizer \
  --train data/sotu-corpus/train.txt --eval data/sotu-corpus/eval.txt --out "$out" \
  --max-steps "$steps" --batch-size "${BATCH:-16}" --max-length 128 --learning-rate "${LR:-5e-4}" --warmup-steps "${WARMUP:-80}" \
  --weight-decay 0.01 --eval-steps "${EVAL_STEPS:-200}" --save-steps "${EVAL_STEPS:-200}" --seed 42 "$@"
echo "wall time: $(( $(date +%s) - start )) s"
for s in "the [MASK] of the united states ." "congress should [MASK] the budget ." \
         "our [MASK] forces are the strongest in the world ." "i ask the congress to pass this [MASK] ." \
         "the war in [MASK] must end ." "we must reduce the national [MASK] ."; do
  echo "$s"; "${BERT4J[@]}" fill-mask --model "$out" -q --top-k 5 "$s"
done
