package dev.bert4j.tokenizers;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Hugging Face {@code AddedVocabulary}: finds added tokens in the text, leftmost-longest, first the ones with
 * {@code normalized: false} in the original text, then the {@code normalized: true} ones (in their normalized
 * form) in the normalized text of the remaining pieces; applies {@code single_word}, {@code lstrip} and
 * {@code rstrip} as the reference does. Immutable.
 */
final class AddedVocabulary {
    private final List<AddedToken> tokens;
    private final Map<String, AddedToken> byContent = new HashMap<>();
    private final Map<Integer, AddedToken> byId = new HashMap<>();
    private final Matcher raw;
    private final Matcher normalized;

    AddedVocabulary(List<AddedToken> tokens, BertNormalizer normalizer) {
        this(tokens, normalizer == null ? null : normalizer::normalize);
    }

    /** @param normalizer what the tokenizer's normalizer makes of a {@code normalized: true} token's content; null for none */
    AddedVocabulary(List<AddedToken> tokens, java.util.function.UnaryOperator<String> normalizer) {
        this.tokens = List.copyOf(tokens);
        List<Pattern> rawPatterns = new ArrayList<>();
        List<Pattern> normPatterns = new ArrayList<>();
        for (AddedToken t : tokens) {
            byContent.putIfAbsent(t.content(), t);
            byId.putIfAbsent(t.id(), t);
            if (t.content().isEmpty()) continue;
            if (t.normalized() && normalizer != null) {
                String n = normalizer.apply(t.content());
                if (!n.isEmpty()) normPatterns.add(new Pattern(n.toCharArray(), t));
            } else {
                rawPatterns.add(new Pattern(t.content().toCharArray(), t));
            }
        }
        this.raw = new Matcher(rawPatterns);
        this.normalized = new Matcher(normPatterns);
    }

    /**
     * Gives the tokens the ids Hugging Face gives them when it loads {@code added_tokens}: the file's {@code id}
     * is not used; a token already known (added earlier or in the model vocabulary) keeps that id, a new one gets
     * the next id after the vocabulary and the added tokens so far.
     */
    static List<AddedToken> assignIds(List<AddedToken> tokens, Vocabulary model) {
        Map<String, Integer> ids = new HashMap<>();
        List<AddedToken> out = new ArrayList<>();
        int vocabSize = model.vocabSize();
        int max = -1;
        for (AddedToken t : tokens) {
            if (t.content().isEmpty()) continue;
            Integer id = ids.get(t.content());
            if (id == null && model.tokenToId(t.content()) >= 0) id = model.tokenToId(t.content());
            if (id == null) id = max < 0 ? vocabSize : (max >= vocabSize || vocabSize == 0 ? max + 1 : vocabSize);
            ids.put(t.content(), id);
            max = Math.max(max, id);
            out.add(new AddedToken(id, t.content(), t.singleWord(), t.lstrip(), t.rstrip(), t.normalized(), t.special()));
        }
        return out;
    }

    List<AddedToken> tokens() {
        return tokens;
    }

    AddedToken byContent(String content) {
        return byContent.get(content);
    }

    /** The id of {@code token}: an added token's own, else the vocabulary's (-1 when neither has it). */
    int tokenToId(String token, Vocabulary vocab) {
        AddedToken t = byContent(token);
        return t != null ? t.id() : vocab.tokenToId(token);
    }

    /** The token of {@code id}: an added token's content, else the vocabulary's. */
    String idToToken(int id, Vocabulary vocab) {
        AddedToken t = byId(id);
        return t != null ? t.content() : vocab.idToToken(id);
    }

    /** The vocabulary's size plus the added tokens it lacks, as HF's {@code get_vocab_size(with_added_tokens)}. */
    int vocabSize(Vocabulary vocab) {
        int n = vocab.vocabSize();
        for (AddedToken t : tokens()) {
            if (vocab.tokenToId(t.content()) < 0) n++;
        }
        return n;
    }

    boolean isSpecial(String token) {
        AddedToken t = byContent(token);
        return t != null && t.special();
    }

    AddedToken byId(int id) {
        return byId.get(id);
    }

    boolean hasRaw() {
        return !raw.isEmpty();
    }

    boolean hasNormalized() {
        return !normalized.isEmpty();
    }

    /**
     * Splits {@code s[from, to)} around raw added tokens. Appends to {@code out} triples (tokenIndexOr-1, start, end)
     * in order, covering the non-token gaps too. Empty gaps are left out.
     */
    void splitRaw(char[] s, int from, int to, IntList out) {
        raw.split(s, from, to, out);
    }

    void splitNormalized(char[] s, int from, int to, IntList out) {
        normalized.split(s, from, to, out);
    }

    AddedToken rawToken(int index) {
        return raw.patterns[index].token;
    }

    AddedToken normalizedToken(int index) {
        return normalized.patterns[index].token;
    }

    private record Pattern(char[] chars, AddedToken token) {}

    /** Leftmost-longest matcher: at each position, the patterns starting with that char are tried longest first. */
    private static final class Matcher {
        private final Pattern[] patterns;
        /** For each first char (BMP), the pattern indices starting with it, longest first. */
        private final Map<Character, int[]> byFirst = new HashMap<>();
        private final boolean[] firstAscii = new boolean[128];
        private final char minFirst;

        Matcher(List<Pattern> list) {
            patterns = list.toArray(Pattern[]::new);
            Map<Character, List<Integer>> tmp = new HashMap<>();
            char min = Character.MAX_VALUE;
            for (int i = 0; i < patterns.length; i++) {
                char c = patterns[i].chars[0];
                tmp.computeIfAbsent(c, k -> new ArrayList<>()).add(i);
                if (c < 128) firstAscii[c] = true;
                min = (char) Math.min(min, c);
            }
            minFirst = min;
            for (Map.Entry<Character, List<Integer>> e : tmp.entrySet()) {
                List<Integer> idx = e.getValue();
                // longest first; among equal lengths the earlier declared pattern wins
                idx.sort(Comparator.comparingInt((Integer i) -> -patterns[i].chars.length).thenComparingInt(i -> i));
                byFirst.put(e.getKey(), idx.stream().mapToInt(Integer::intValue).toArray());
            }
        }

        boolean isEmpty() {
            return patterns.length == 0;
        }

        void split(char[] s, int from, int to, IntList out) {
            int startOffset = from;
            int pos = from;
            while (pos < to) {
                int m = -1;
                int mStart = -1;
                for (int i = pos; i < to; i++) {
                    char c = s[i];
                    if (c < minFirst || (c < 128 && !firstAscii[c])) continue;
                    int[] cands = byFirst.get(c);
                    if (cands == null) continue;
                    for (int p : cands) {
                        char[] pc = patterns[p].chars;
                        if (i + pc.length <= to && Arrays.equals(s, i, i + pc.length, pc, 0, pc.length)) {
                            m = p;
                            break;
                        }
                    }
                    if (m >= 0) {
                        mStart = i;
                        break;
                    }
                }
                if (m < 0) break;
                AddedToken t = patterns[m].token;
                int start = mStart;
                int stop = mStart + patterns[m].chars.length;
                pos = stop;
                if (t.singleWord()) {
                    boolean startSpace = start == from || !isWordCharBefore(s, from, start);
                    boolean stopSpace = stop == to || !isWordCharAt(s, stop, to);
                    if (!startSpace || !stopSpace) continue;
                }
                if (t.lstrip()) {
                    int ns = start;
                    while (ns > from) {
                        int cp = Character.codePointBefore(s, ns, from);
                        if (!isWhitespace(cp)) break;
                        ns -= Character.charCount(cp);
                    }
                    start = Math.max(ns, startOffset);
                }
                if (t.rstrip()) {
                    while (stop < to) {
                        int cp = Character.codePointAt(s, stop, to);
                        if (!isWhitespace(cp)) break;
                        stop += Character.charCount(cp);
                    }
                }
                if (startOffset < start) out.add3(-1, startOffset, start);
                out.add3(m, start, stop);
                startOffset = stop;
            }
            if (startOffset < to) out.add3(-1, startOffset, to);
        }

        private static boolean isWordCharBefore(char[] s, int from, int at) {
            return Character.isLetterOrDigit(Character.codePointBefore(s, at, from));
        }

        private static boolean isWordCharAt(char[] s, int at, int to) {
            return Character.isLetterOrDigit(Character.codePointAt(s, at, to));
        }

        private static boolean isWhitespace(int cp) {
            return BertCharTable.get().has(cp, BertCharTable.WHITESPACE);
        }
    }
}
