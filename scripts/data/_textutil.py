"""Shared text helpers for the converters in scripts/data/ (imported, not run
directly; Python 3 standard library only).

- split_sentences(text): rule-based English sentence splitter (used by
  sotu_qa_convert.py, sotu_corpus_convert.py, moby_dick_convert.py):
  split after . ! ? (optionally followed by a closing quote or bracket) when
  whitespace and an upper-case letter, digit, quote or bracket follow; common
  abbreviations (Mr., Gen., U.S., No., ...) and single initials do not end a
  sentence.
- paragraphs(sents, max_len, keep_long=False): consecutive sentences grouped
  greedily into chunks of at most max_len characters (joined with one space);
  sentences longer than max_len are skipped (they also end the current
  chunk), or with keep_long=True become a chunk of their own.
- clean(s): whitespace runs (any Unicode whitespace, line breaks included)
  collapsed to one space, ends stripped.
- write_corpus(path, docs): writes a pre-training corpus as bert4j reads it
  (plain UTF-8, one sentence per line, one blank line between documents, no
  blank line at the end) and checks it; returns (documents, sentences, words).
"""
import os
import re

ABBREV = {
    "mr", "mrs", "ms", "dr", "st", "gen", "gov", "sen", "rep", "hon", "messrs", "jr", "sr",
    "col", "capt", "lt", "maj", "adm", "rev", "prof", "gens", "no", "nos", "vol", "art", "sec",
    "secs", "ch", "vs", "etc", "inc", "co", "corp", "ltd", "jan", "feb", "mar", "apr", "jun",
    "jul", "aug", "sep", "sept", "oct", "nov", "dec", "ft", "mt", "viz", "pp", "p", "cf", "al",
    "ave", "bros", "dept", "govt", "esq", "op", "cit", "ibid", "e.g", "i.e", "u.s", "u.s.a",
    "d.c", "a.m", "p.m", "u.n", "u.s.s.r",
}
# candidate split points: end punctuation, optional closers, whitespace, then a sentence start
_SPLIT = re.compile(r"[.!?][\"'\u201d\u2019)\]]*(?=\s+[\"'\u201c\u2018(\[]?[A-Z0-9])")


def split_sentences(text):
    sents, start = [], 0
    for m in _SPLIT.finditer(text):
        end = m.end()
        if text[m.start()] == ".":
            # the word before the period
            w = re.search(r"([A-Za-z][A-Za-z.]*)\.$", text[start:m.start() + 1])
            if w:
                word = w.group(1).lower().rstrip(".")
                if word in ABBREV or len(word) == 1:
                    continue
        s = text[start:end].strip()
        if s:
            sents.append(s)
        start = end
    s = text[start:].strip()
    if s:
        sents.append(s)
    return sents


def paragraphs(sents, max_len, keep_long=False):
    paras, cur, cur_len = [], [], 0
    for s in sents:
        if len(s) > max_len:
            if cur:
                paras.append(cur)
            if keep_long:
                paras.append([s])
            cur, cur_len = [], 0
            continue
        add = len(s) + (1 if cur else 0)
        if cur and cur_len + add > max_len:
            paras.append(cur)
            cur, cur_len = [], 0
            add = len(s)
        cur.append(s)
        cur_len += add
    if cur:
        paras.append(cur)
    return paras


def clean(s):
    return " ".join(s.split())


def write_corpus(path, docs):
    """docs: list of documents, each a non-empty list of sentences. Sentences
    are cleaned with clean(); a sentence or document that ends up empty is an
    error. Returns (documents, sentences, words); words = whitespace tokens."""
    n_sent = n_words = 0
    lines = []
    for i, doc in enumerate(docs):
        sents = [clean(s) for s in doc]
        if not sents or not all(sents):
            raise ValueError("%s: document %d is empty or has an empty sentence" % (path, i))
        if i:
            lines.append("")
        lines.extend(sents)
        n_sent += len(sents)
        n_words += sum(len(s.split()) for s in sents)
    if not docs:
        raise ValueError("%s: no documents" % path)
    d = os.path.dirname(path)
    if d:
        os.makedirs(d, exist_ok=True)
    with open(path, "w", encoding="utf-8", newline="\n") as f:
        f.write("\n".join(lines) + "\n")
    # read back: one sentence per non-empty line, single blank lines between documents
    with open(path, encoding="utf-8", newline="") as f:
        back = f.read().split("\n")
    assert back[-1] == "" and back[-2] != "", path
    back = back[:-1]
    assert all(b.strip() == b for b in back), path
    assert all(a or b for a, b in zip(back, back[1:])), path
    assert sum(1 for b in back if not b) + 1 == len(docs) and sum(1 for b in back if b) == n_sent, path
    return len(docs), n_sent, n_words
