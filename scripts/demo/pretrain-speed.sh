#!/usr/bin/env bash
# Pre-training speed: a 2-layer, hidden-128 BERT with the 30k-word vocabulary of all-MiniLM-L6-v2,
# 800 steps of 32 sequences x 128 tokens (masked LM + next sentence) on the State of the Union corpus.
set -euo pipefail
cd "$(dirname "$0")/../.."
read -r -a BERT4J <<< "${BERT4J:-./bert4j}"
scripts/data/sotu-corpus.sh
rm -rf data/runs/speed-bert
mkdir -p data/runs
cat > data/runs/speed-config.json <<JSON
{"architectures": ["BertForPreTraining"], "model_type": "bert", "vocab_size": 30522, "hidden_size": 128,
 "num_hidden_layers": 2, "num_attention_heads": 2, "intermediate_size": 512, "hidden_act": "gelu",
 "max_position_embeddings": 512, "type_vocab_size": 2}
JSON
start=$(date +%s)
"${BERT4J[@]}" train --task pretraining --config data/runs/speed-config.json --tokenizer all-MiniLM-L6-v2 \
  --train data/sotu-corpus/train.txt --out data/runs/speed-bert --max-steps 800 --batch-size 32 \
  --max-length 128 --learning-rate 1e-3 --warmup-steps 80 --save-steps 800 --seed 42 "$@"
echo "wall time: $(( $(date +%s) - start )) s"
