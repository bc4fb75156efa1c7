package dev.bert4j.tokenizers;

import java.util.List;

/**
 * The per-text stages of a SentencePiece-style {@code tokenizer.json} ({@code Unigram} or {@code BPE} model): added
 * tokens found in the original text, the rest normalized ({@link PieceNormalizer}), normalized added tokens found
 * in that, the rest pre-tokenized ({@link PiecePreTokenizer}) into words, each word through the model. Every token
 * keeps the original span Hugging Face gives it. Immutable; scratch memory is per call.
 */
final class PiecePipeline implements TextStage {
    private final AddedVocabulary added;
    private final PieceNormalizer normalizer;
    private final PiecePreTokenizer preTokenizer;
    private final PieceModel model;

    /** @param normalizer null for none; @param preTokenizer null for none (each piece is one word) */
    PiecePipeline(AddedVocabulary added, PieceNormalizer normalizer, PiecePreTokenizer preTokenizer, PieceModel model) {
        this.added = added;
        this.normalizer = normalizer;
        this.preTokenizer = preTokenizer;
        this.model = model;
    }

    @Override
    public TokenSequence tokenize(String text) {
        TokenSequence out = new TokenSequence(text.length() / 3 + 8);
        int[] word = {0};
        IntList parts = new IntList(16);
        added.splitRaw(text.toCharArray(), 0, text.length(), parts);
        for (int p = 0; p < parts.size; p += 3) {
            int tok = parts.a[p];
            int s = parts.a[p + 1];
            int e = parts.a[p + 2];
            if (tok >= 0) {
                out.add(added.rawToken(tok).id(), text.substring(s, e), s, e, word[0]++);
            } else {
                normalizedPiece(AlignedString.of(text, s, e), out, word);
            }
        }
        return out;
    }

    private void normalizedPiece(AlignedString piece, TokenSequence out, int[] word) {
        if (normalizer != null) normalizer.normalize(piece);
        if (piece.length == 0) return;
        if (!added.hasNormalized()) {
            words(piece.slice(0, piece.length), out, word); // the reference slices every piece, moving its start
            return;
        }
        String text = piece.text();
        IntList parts = new IntList(16);
        added.splitNormalized(text.toCharArray(), 0, text.length(), parts);
        for (int p = 0; p < parts.size; p += 3) {
            int tok = parts.a[p];
            int s = text.codePointCount(0, parts.a[p + 1]);
            int e = s + text.codePointCount(parts.a[p + 1], parts.a[p + 2]);
            if (tok >= 0) {
                out.add(added.normalizedToken(tok).id(), piece.text(s, e), piece.start[s], piece.end[e - 1], word[0]++);
            } else {
                words(piece.slice(s, e), out, word);
            }
        }
    }

    private void words(AlignedString piece, TokenSequence out, int[] word) {
        List<AlignedString> words = preTokenizer == null ? List.of(piece) : preTokenizer.split(piece);
        for (AlignedString w : words) {
            if (w.length > 0) model.tokenize(w, word[0]++, out);
        }
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
}
