#!/usr/bin/env bash
# Real Japanese sentences for the MeCab agreement test (japanese module): extracted from Debian's manpages-ja
# (installed by .ci/run; `apt-get install manpages-ja` by hand), into data/manpages-ja/sentences.txt.
# Deterministic: pages in sorted order, sentences in page order, duplicates dropped. data/ is git-ignored.
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
src=/usr/share/man/ja
out="$root/data/manpages-ja"
if [ ! -d "$src" ]; then
  echo "manpages-ja.sh: $src is missing: install Debian's manpages-ja (apt-get install manpages-ja)" >&2
  exit 1
fi
mkdir -p "$out"
python3 -B "$root/scripts/data/manpages_ja_convert.py" "$src" > "$out/sentences.txt.tmp"
mv "$out/sentences.txt.tmp" "$out/sentences.txt"
echo "manpages-ja.sh: $(wc -l < "$out/sentences.txt") sentences in $out/sentences.txt"
