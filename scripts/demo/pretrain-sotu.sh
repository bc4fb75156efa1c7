#!/usr/bin/env bash
# Pre-training demonstration a: a small BERT (4 layers, hidden 256) pre-trained from scratch (masked LM +
# next sentence) on the State of the Union addresses, with a WordPiece vocabulary trained on the same text.
# Held-out addresses give the MLM loss, accuracy and perplexity, NSP accuracy and the unigram baseline;
# fill-mask then runs on the checkpoint. Writes data/runs/sotu-tokenizer and data/runs/sotu-bert.
set -euo pipefail
cd "$(dirname "$0")/../.."
# BERT4J: the command to run (default ./bert4j), e.g. a frozen build while the sources change
read -r -a BERT4J <<< "${BERT4J:-./bert4j}"
steps=${STEPS:-800}
scripts/data/sotu-corpus.sh
rm -rf data/runs/sotu-tokenizer data/runs/sotu-bert
"${BERT4J[@]}" train-tokenizer --corpus data/sotu-corpus/train.txt --vocab-size 8000 --out data/runs/sotu-tokenizer -q
vocab=$(wc -l < data/runs/sotu-tokenizer/vocab.txt)
mkdir -p data/runs
cat > data/runs/sotu-config.json <<JSON
{"architectures": ["BertForPreTraining"], "model_type": "bert", "vocab_size": $vocab, "hidden_size": 256,
 "num_hidden_layers": 4, "num_attention_heads": 4, "intermediate_size": 1024, "hidden_act": "gelu",
 "hidden_dropout_prob": 0.1, "attention_probs_dropout_prob": 0.1, "max_position_embeddings": 128,
 "type_vocab_size": 2, "initializer_range": 0.02, "layer_norm_eps": 1e-12, "pad_token_id": 0}
JSON
start=$(date +%s)
"${BERT4J[@]}" train --task pretraining --config data/runs/sotu-config.json --tokenizer data/runs/sotu-tokenizer \
  --train data/sotu-corpus/train.txt --eval data/sotu-corpus/eval.txt --out data/runs/sotu-bert \
  --max-steps "$steps" --batch-size 16 --max-length 128 --learning-rate 5e-4 --warmup-steps 80 \
  --weight-decay 0.01 --eval-steps 200 --save-steps 200 --seed 42 "$@"
echo "wall time: $(( $(date +%s) - start )) s"
for s in "the [MASK] of the united states ." "congress should [MASK] the budget ." \
         "our [MASK] forces are the strongest in the world ." "i ask the congress to pass this [MASK] ." \
         "the war in [MASK] must end ." "we must reduce the national [MASK] ."; do
  echo "$s"; "${BERT4J[@]}" fill-mask --model data/runs/sotu-bert -q --top-k 5 "$s"
done
