package dev.bert4j.tokenizers;

/**
 * The per-text stages up to the model: added tokens, {@link BertNormalizer}, {@code BertPreTokenizer},
 * {@link WordPiece}. Produces one {@link TokenSequence} per text with offsets into that text. Immutable; all
 * scratch memory is per call.
 */
final class Pipeline implements TextStage {
    private final AddedVocabulary added;
    private final BertNormalizer normalizer;
    private final boolean bertPreTokenizer;
    private final WordPiece model;
    private final BertPreTokenizer preTokenizer = new BertPreTokenizer();
    private final char[] rawFirstChars;

    /**
     * @param normalizer       null for none
     * @param bertPreTokenizer false: no pre-tokenizer, every piece is one word
     */
    Pipeline(AddedVocabulary added, BertNormalizer normalizer, boolean bertPreTokenizer, WordPiece model) {
        this.added = added;
        this.normalizer = normalizer;
        this.bertPreTokenizer = bertPreTokenizer;
        this.model = model;
        StringBuilder firsts = new StringBuilder();
        for (AddedToken t : added.tokens()) {
            if (!t.content().isEmpty() && !(t.normalized() && normalizer != null)) {
                char f = t.content().charAt(0);
                if (firsts.indexOf(String.valueOf(f)) < 0) firsts.append(f);
            }
        }
        this.rawFirstChars = firsts.toString().toCharArray();
    }

    AddedVocabulary added() {
        return added;
    }

    BertNormalizer normalizer() {
        return normalizer;
    }

    WordPiece model() {
        return model;
    }

    boolean bertPreTokenizer() {
        return bertPreTokenizer;
    }

    @Override
    public int tokenToId(String token) {
        return added.tokenToId(token, model);
    }

    @Override
    public String idToToken(int id) {
        return added.idToToken(id, model);
    }

    @Override
    public int vocabSize() {
        return added.vocabSize(model);
    }

    @Override
    public boolean isSpecial(String token) {
        return added.isSpecial(token);
    }

    @Override
    public TokenSequence tokenize(String text) {
        int n = text.length();
        TokenSequence out = new TokenSequence(n / 4 + 8);
        NormalizedText norm = new NormalizedText(n + 16);
        int[] word = {0};
        if (!mayContainRawToken(text)) {
            normalizedPiece(text, 0, n, norm, out, word);
            return out;
        }
        IntList parts = new IntList(16);
        added.splitRaw(text.toCharArray(), 0, n, parts);
        for (int p = 0; p < parts.size; p += 3) {
            int tok = parts.a[p];
            int s = parts.a[p + 1];
            int e = parts.a[p + 2];
            if (tok >= 0) {
                AddedToken t = added.rawToken(tok);
                out.add(t.id(), text.substring(s, e), s, e, word[0]++);
            } else {
                normalizedPiece(text, s, e, norm, out, word);
            }
        }
        return out;
    }

    private boolean mayContainRawToken(String text) {
        for (char f : rawFirstChars) {
            if (text.indexOf(f) >= 0) return true;
        }
        return false;
    }

    private void normalizedPiece(String text, int from, int to, NormalizedText norm, TokenSequence out, int[] word) {
        norm.clear();
        if (normalizer != null) {
            normalizer.normalize(text, from, to, norm);
        } else {
            norm.ensureCapacity(to - from);
            for (int i = from; i < to; i++) {
                boolean pair = Character.isHighSurrogate(text.charAt(i)) && i + 1 < to
                        && Character.isLowSurrogate(text.charAt(i + 1));
                int end = pair ? i + 2 : i + 1;
                for (int k = i; k < end; k++) norm.append(text.charAt(k), i, end);
                i = end - 1;
            }
        }
        if (!added.hasNormalized()) {
            preTokenize(norm, 0, norm.length, out, word);
            return;
        }
        IntList parts = new IntList(16);
        added.splitNormalized(norm.chars, 0, norm.length, parts);
        for (int p = 0; p < parts.size; p += 3) {
            int tok = parts.a[p];
            int s = parts.a[p + 1];
            int e = parts.a[p + 2];
            if (tok >= 0) {
                AddedToken t = added.normalizedToken(tok);
                out.add(t.id(), norm.text(s, e), norm.srcStart[s], norm.srcEnd[e - 1], word[0]++);
            } else {
                preTokenize(norm, s, e, out, word);
            }
        }
    }

    /** {@code BertPreTokenizer}: split on whitespace (removed) and around punctuation (isolated), then WordPiece. */
    private void preTokenize(NormalizedText norm, int from, int to, TokenSequence out, int[] word) {
        if (from >= to) return;
        if (!bertPreTokenizer) {
            model.tokenize(norm, from, to, word[0]++, out);
            return;
        }
        preTokenizer.split(norm.chars, from, to, (s, e) -> model.tokenize(norm, s, e, word[0]++, out));
    }
}
