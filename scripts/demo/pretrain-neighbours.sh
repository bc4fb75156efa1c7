#!/usr/bin/env bash
# Pre-training check that needs word order: a synthetic language in which each word is the previous one plus 1
# or 2 (of WORDS words, default 40: w0..w39, wrapping round), sentences of 8 to 20 words, 3 to 6 sentences a document. A masked
# word is nearly determined by its two neighbours and hardly at all by the bag of words around it, so masked-LM
# cross-entropy can fall far below the unigram baseline only if the model learns to use positions. A tiny BERT
# (2 layers, hidden 64) trained from scratch on it shows the plateau and the drop BERT pre-training goes
# through, in minutes instead of the hours real text needs. Writes data/neighbours/ and OUT (default
# data/runs/neighbours-bert).
# STEPS (6000) and extra arguments (e.g. --threads 1) go to the training; WORDS=1500 makes the plateau longer, as a
# real vocabulary does.
set -euo pipefail
cd "$(dirname "$0")/../.."
read -r -a BERT4J <<< "${BERT4J:-./bert4j}"
steps=${STEPS:-6000}
out=${OUT:-data/runs/neighbours-bert}
mkdir -p data/neighbours data/runs
WORDS=${WORDS:-40} python3 - <<'PY'
import os, random
r = random.Random(1)
words = int(os.environ['WORDS'])
def doc():
    out = []
    for _ in range(r.randint(3, 6)):
        x, sentence = r.randrange(words), []
        for _ in range(r.randint(8, 20)):
            sentence.append('w%d' % x)
            x = (x + r.choice([1, 2])) % words
        out.append(' '.join(sentence) + ' .')
    return '\n'.join(out)
for name, n in (('train.txt', 3000), ('eval.txt', 200)):
    with open('data/neighbours/' + name, 'w') as f:
        f.write('\n\n'.join(doc() for _ in range(n)) + '\n')
PY
rm -rf data/runs/neighbours-tokenizer "$out"
"${BERT4J[@]}" train-tokenizer -q --corpus data/neighbours/train.txt --vocab-size $(( ${WORDS:-40} * 6 / 5 + 100 )) --out data/runs/neighbours-tokenizer
vocab=$(wc -l < data/runs/neighbours-tokenizer/vocab.txt)
cat > data/runs/neighbours-config.json <<JSON
{"architectures": ["BertForMaskedLM"], "model_type": "bert", "vocab_size": $vocab, "hidden_size": 64,
 "num_hidden_layers": 2, "num_attention_heads": 2, "intermediate_size": 256, "hidden_act": "gelu",
 "hidden_dropout_prob": 0.1, "attention_probs_dropout_prob": 0.1, "max_position_embeddings": 128,
 "type_vocab_size": 2, "initializer_range": 0.02, "layer_norm_eps": 1e-12, "pad_token_id": 0}
JSON
start=$(date +%s)
"${BERT4J[@]}" train --task mlm --config data/runs/neighbours-config.json --tokenizer data/runs/neighbours-tokenizer \
  --train data/neighbours/train.txt --eval data/neighbours/eval.txt --out "$out" \
  --max-steps "$steps" --batch-size 16 --max-length 64 --learning-rate 1e-3 --warmup-steps 100 \
  --eval-steps 1000 --save-steps "$steps" --seed 1 "$@"
echo "wall time: $(( $(date +%s) - start )) s"
for s in "w3 w4 [MASK] w8 w9 ." "w10 w12 w13 [MASK] w17 ." "w37 w39 [MASK] w2 w4 w5 ."; do
  echo "$s"; "${BERT4J[@]}" fill-mask --model "$out" -q --top-k 3 "$s"
done
