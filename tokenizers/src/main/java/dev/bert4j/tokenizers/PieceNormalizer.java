package dev.bert4j.tokenizers;

import java.nio.charset.StandardCharsets;
import java.text.BreakIterator;
import java.text.Normalizer;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The {@code tokenizer.json} normalizers of SentencePiece-style tokenizers, each changing an {@link AlignedString}
 * the way Hugging Face's changes its {@code NormalizedString}, alignments included. Immutable.
 */
sealed interface PieceNormalizer {
    void normalize(AlignedString s);

    /** What this normalizer makes of {@code text} (for {@code normalized: true} added tokens). */
    default String apply(String text) {
        AlignedString s = AlignedString.of(text, 0, text.length());
        normalize(s);
        return s.text();
    }

    record Sequence(List<PieceNormalizer> normalizers) implements PieceNormalizer {
        public void normalize(AlignedString s) {
            for (PieceNormalizer n : normalizers) n.normalize(s);
        }
    }

    /** {@code Strip}: leading and/or trailing whitespace removed. */
    record Strip(boolean left, boolean right) implements PieceNormalizer {
        public void normalize(AlignedString s) {
            s.strip(left, right);
        }
    }

    /** {@code Replace}: a literal string or a regular expression, every match replaced by {@code content}. */
    record Replace(String literal, Pattern regex, String content) implements PieceNormalizer {
        public void normalize(AlignedString s) {
            s.replace(regex != null ? s.matchesOf(regex) : s.matchesOf(literal), content);
        }
    }

    /** {@code Lowercase}: each code point's full lowercase mapping, without context (as Rust's {@code to_lowercase}). */
    record Lowercase() implements PieceNormalizer {
        public void normalize(AlignedString s) {
            IntList dest = new IntList(2 * s.length + 8);
            for (int i = 0; i < s.length; i++) {
                int[] lower = PythonText.lowerOne(s.cps[i]).codePoints().toArray();
                for (int k = 0; k < lower.length; k++) {
                    dest.add(lower[k]);
                    dest.add(k == 0 ? 0 : 1);
                }
            }
            s.transform(dest, 0);
        }
    }

    /** {@code StripAccents}: non-spacing marks removed. */
    record StripAccents() implements PieceNormalizer {
        public void normalize(AlignedString s) {
            s.filter(cp -> Character.getType(cp) != Character.NON_SPACING_MARK);
        }
    }

    /**
     * {@code NFC}, {@code NFD}, {@code NFKC}, {@code NFKD}: each starter with the marks after it normalized as one
     * unit; output code points replace its inputs in order, extra ones are inserted, and when the unit shrinks the
     * first output code point (the composed one) takes the inputs it absorbed.
     */
    record Unicode(Normalizer.Form form) implements PieceNormalizer {
        public void normalize(AlignedString s) {
            IntList dest = new IntList(2 * s.length + 8);
            int i = 0;
            while (i < s.length) {
                int j = i + 1;
                while (j < s.length && joins(s.cps[j])) j++;
                int[] out = Normalizer.normalize(s.text(i, j), form).codePoints().toArray();
                int in = j - i;
                for (int k = 0; k < out.length; k++) {
                    dest.add(out[k]);
                    dest.add(k >= in ? 1 : k == 0 && out.length < in ? -(in - out.length) : 0);
                }
                i = j;
            }
            s.transform(dest, 0);
        }

        /** Whether {@code cp} joins the unit before it: its decomposition starts with a combining mark. */
        private boolean joins(int cp) {
            boolean compat = form == Normalizer.Form.NFKC || form == Normalizer.Form.NFKD;
            int first = Normalizer.normalize(Character.toString(cp), compat ? Normalizer.Form.NFKD : Normalizer.Form.NFD)
                    .codePointAt(0);
            int t = Character.getType(first);
            return t == Character.NON_SPACING_MARK || t == Character.COMBINING_SPACING_MARK || t == Character.ENCLOSING_MARK;
        }
    }

    /**
     * {@code Precompiled}: SentencePiece's character map applied the way Hugging Face applies it: a grapheme cluster
     * shorter than 6 UTF-8 bytes is replaced whole by the shortest rule matching its start; otherwise each code
     * point by its own rule.
     */
    record Precompiled(PrecompiledCharsMap map) implements PieceNormalizer {
        public void normalize(AlignedString s) {
            String text = s.text();
            IntList dest = new IntList(2 * s.length + 8);
            boolean modified = false;
            BreakIterator graphemes = BreakIterator.getCharacterInstance();
            graphemes.setText(text);
            for (int from = graphemes.first(), to = graphemes.next(); to != BreakIterator.DONE; from = to, to = graphemes.next()) {
                String g = text.substring(from, to);
                byte[] utf8 = g.getBytes(StandardCharsets.UTF_8);
                if (utf8.length < 6) {
                    int m = map.shortestMatch(utf8, 0, utf8.length);
                    if (m >= 0) {
                        replace(dest, g, map.replacement(m));
                        modified = true;
                        continue;
                    }
                }
                for (int k = 0; k < g.length(); ) {
                    int cp = g.codePointAt(k);
                    String one = Character.toString(cp);
                    byte[] b = one.getBytes(StandardCharsets.UTF_8);
                    int m = map.shortestMatch(b, 0, b.length);
                    if (m >= 0) {
                        replace(dest, one, map.replacement(m));
                        modified = true;
                    } else {
                        dest.add(cp);
                        dest.add(0);
                    }
                    k += Character.charCount(cp);
                }
            }
            if (modified) s.transform(dest, 0);
        }

        private static void replace(IntList dest, String old, byte[] replacement) {
            int[] add = new String(replacement, StandardCharsets.UTF_8).codePoints().toArray();
            int diff = add.length - old.codePointCount(0, old.length());
            for (int cp : add) {
                dest.add(cp);
                dest.add(0);
            }
            if (diff > 0) {
                for (int k = 0; k < diff; k++) dest.a[dest.size - 1 - 2 * k] = 1;
            } else if (diff < 0 && dest.size > 0) {
                dest.a[dest.size - 1] += diff;
            }
        }
    }
}
