"""Prints the Japanese sentences of the roff man pages under a folder, one per line (see manpages-ja.sh)."""
import gzip
import os
import re
import sys

ESCAPES = [
    (re.compile(r'\\f(\(..|\[[^\]]*\]|.)'), ''),       # font changes
    (re.compile(r'\\s[+-]?\d'), ''),                    # size changes
    (re.compile(r'\\\*(\(..|\[[^\]]*\]|.)'), ''),      # strings
    (re.compile(r'\\\((em|en|hy)'), '-'),
    (re.compile(r'\\\(..'), ''),
    (re.compile(r'\\\[[^\]]*\]'), ''),
    (re.compile(r'\\[&|^%:]'), ''),
    (re.compile(r'\\-'), '-'),
    (re.compile(r'\\e'), '\\\\'),
    (re.compile(r'\\ '), ' '),
    (re.compile(r'\\"'), ''),
]
JAPANESE = re.compile(r'[\u3041-\u30ff\u4e00-\u9fff]')


def text_lines(path):
    with gzip.open(path, 'rb') if path.endswith('.gz') else open(path, 'rb') as f:
        raw = f.read().decode('utf-8', errors='replace')
    for line in raw.split('\n'):
        if line.startswith(('.', "'")):
            # a macro line: keep the text of the font macros (.B, .I, .BR, ...), drop the others
            m = re.match(r'[.\']\s*(B|I|BR|BI|IB|IR|RB|RI|SM|SB)\s+(.*)', line)
            if not m:
                yield None
                continue
            line = m.group(2).replace('"', '')
        if line.startswith('\\"'):
            continue
        for pattern, repl in ESCAPES:
            line = pattern.sub(repl, line)
        yield line.strip()


def sentences(path):
    paragraph = []
    for line in list(text_lines(path)) + [None]:
        if line:
            paragraph.append(line)
            continue
        text = ''.join(p if not paragraph or not p[:1].isascii() else p for p in paragraph)
        paragraph = []
        for s in re.split(r'(?<=。)', text):
            s = s.strip()
            if 5 <= len(s) <= 400 and JAPANESE.search(s) and '\ufffd' not in s:
                yield s


def main():
    seen = set()
    for section in sorted(os.listdir(sys.argv[1])):
        folder = os.path.join(sys.argv[1], section)
        for name in sorted(os.listdir(folder)):
            for s in sentences(os.path.join(folder, name)):
                if s not in seen:
                    seen.add(s)
                    print(s)


if __name__ == '__main__':
    main()
