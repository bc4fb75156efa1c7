package dev.bert4j.tokenizers;

import java.util.ArrayList;
import java.util.List;

/**
 * The {@code tokenizer.json} pre-tokenizers of SentencePiece-style tokenizers: each splits a normalized piece into
 * words the way Hugging Face's does, alignments kept. Immutable.
 */
sealed interface PiecePreTokenizer {
    List<AlignedString> split(AlignedString s);

    enum PrependScheme { ALWAYS, FIRST, NEVER }

    record Sequence(List<PiecePreTokenizer> preTokenizers) implements PiecePreTokenizer {
        public List<AlignedString> split(AlignedString s) {
            List<AlignedString> words = List.of(s);
            for (PiecePreTokenizer p : preTokenizers) {
                List<AlignedString> next = new ArrayList<>();
                for (AlignedString w : words) next.addAll(p.split(w));
                words = next;
            }
            return words;
        }
    }

    /** {@code WhitespaceSplit}: words between whitespace, which is dropped. */
    record WhitespaceSplit() implements PiecePreTokenizer {
        public List<AlignedString> split(AlignedString s) {
            return s.split(s.matchesOf(AlignedString::isWhitespace), true);
        }
    }

    /**
     * {@code Metaspace}: spaces become {@code replacement}; it is put in front of the piece ({@code always}), of the
     * piece that starts the text ({@code first}) or never, unless the piece starts with it; with {@code split}, each
     * word starts at a replacement character.
     */
    record Metaspace(int replacement, PrependScheme prependScheme, boolean split) implements PiecePreTokenizer {
        public List<AlignedString> split(AlignedString s) {
            String rep = Character.toString(replacement);
            s.replace(s.matchesOf(" "), rep);
            boolean startsWith = s.length > 0 && s.cps[0] == replacement;
            if (!startsWith && (prependScheme == PrependScheme.ALWAYS
                    || (prependScheme == PrependScheme.FIRST && s.originalStart == 0))) {
                s.prepend(rep);
            }
            if (!split) return s.length == 0 ? List.of() : List.of(s);
            return s.split(s.matchesOf(cp -> cp == replacement), false);
        }
    }
}
