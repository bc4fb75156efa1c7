package dev.bert4j.tokenizers;

import java.util.List;

/**
 * transformers' {@code SentencepieceTokenizer} of {@code tokenization_bert_japanese.py}, the sub-word step of
 * {@code BertJapaneseTokenizer} with {@code "subword_tokenizer_type": "sentencepiece"}. {@code BertJapaneseTokenizer}
 * builds it with {@code vocab=spm_file} and {@code unk_token} only, so its own options keep their defaults:
 * {@code remove_space=True}, {@code keep_accents=True}, {@code do_lower_case=False}, no {@code sp_model_kwargs}.
 * Each word it gets goes through {@code preprocess_text} (strip, whitespace runs to one space, {@code ``} and
 * {@code ''} to {@code "}), then {@code sp_model.encode(text, out_type=str)}, then the rule for a piece ending in a
 * digit and a comma (encoded again without its comma and {@code ▁}, the comma a piece of its own). Ids are
 * {@code PieceToId} of each token, after the added tokens. Immutable and thread-safe; every token keeps the span of
 * original text it came from.
 */
final class JapaneseSentencePiece implements Vocabulary {
    private static final char SPACE_SYMBOL = '\u2581';

    private final SentencePieceModel model;
    private final AddedVocabulary added;
    private final String unkToken;

    JapaneseSentencePiece(SentencePieceModel model, AddedVocabulary added, String unkToken) {
        this.model = model;
        this.added = added;
        this.unkToken = unkToken;
    }

    /** The pieces of the word {@code w[from, to)}, each added to {@code out} with word id {@code word}. */
    void tokenize(NormalizedText w, int from, int to, TokenSequence out, int word) {
        NormalizedText p = preprocess(w, from, to);
        SentencePieceNormalizer.Normalized n = model.normalize(p.text(0, p.length));
        List<SentencePieceModel.Piece> pieces = model.encode(n);
        Spans origin = new Spans(p, w, from);
        int at = 0;
        for (SentencePieceModel.Piece piece : pieces) {
            String s = piece.piece();
            int cps = s.codePointCount(0, s.length());
            int last = s.length() - Character.charCount(s.codePointBefore(s.length()));
            if (cps > 1 && s.charAt(last) == ',' && PythonText.isDigit(s.codePointBefore(last))) {
                splitDigitsAndComma(n, at, s, origin, out, word);
            } else {
                add(s, piece.id(), origin.start(piece.start()), origin.end(piece.start(), piece.end()), out, word);
            }
            at += s.length();
        }
    }

    /**
     * {@code if len(piece) > 1 and piece[-1] == "," and piece[-2].isdigit()}: the piece without its {@code ▁}s and
     * comma is encoded again; when the piece did not start with {@code ▁}, the {@code ▁} the new encoding puts in
     * front is dropped (the whole first piece when it is only that); then the comma.
     */
    private void splitDigitsAndComma(SentencePieceNormalizer.Normalized n, int at, String piece, Spans origin,
                                     TokenSequence out, int word) {
        int comma = at + piece.length() - 1;
        StringBuilder t = new StringBuilder(piece.length());
        int[] tStart = new int[piece.length()];
        int[] tEnd = new int[piece.length()];
        for (int k = at; k < comma; k++) {
            if (n.text().charAt(k) == SPACE_SYMBOL) continue;
            tStart[t.length()] = n.start()[k];
            tEnd[t.length()] = n.end()[k];
            t.append(n.text().charAt(k));
        }
        List<SentencePieceModel.Piece> again = model.encode(t.toString());
        for (int i = 0; i < again.size(); i++) {
            SentencePieceModel.Piece q = again.get(i);
            String s = q.piece();
            int start = q.start() < t.length() ? tStart[q.start()] : tEnd[t.length() - 1];
            int end = q.end() > q.start() ? tEnd[q.end() - 1] : start;
            boolean id = true;
            if (i == 0 && piece.charAt(0) != SPACE_SYMBOL && s.charAt(0) == SPACE_SYMBOL) {
                if (s.length() == 1) continue;
                s = s.substring(1);
                id = false;
            }
            add(s, id ? q.id() : -1, origin.start(start), origin.end(start, end), out, word);
        }
        add(",", -1, origin.start(n.start()[comma]), origin.end(n.start()[comma], n.end()[comma]), out, word);
    }

    /** Adds a token: an added token's id when the token is one, else the model's id ({@code PieceToId} when -1). */
    private void add(String token, int pieceId, int start, int end, TokenSequence out, int word) {
        AddedToken t = added.byContent(token);
        int id = t != null ? t.id() : pieceId >= 0 && pieceId != model.unkId() ? pieceId : model.pieceToId(token);
        out.add(id, token, start, end, word);
    }

    /** {@code preprocess_text} with {@code remove_space=True}, {@code keep_accents=True}, no lowercasing. */
    private static NormalizedText preprocess(NormalizedText w, int from, int to) {
        NormalizedText joined = new NormalizedText(to - from + 8);
        IntList words = PythonText.split(w.chars, from, to);
        for (int k = 0; k < words.size; k += 3) {
            int s = words.a[k];
            int e = words.a[k + 1];
            if (k > 0) joined.append(' ', w.srcEnd[words.a[k - 2] - 1], w.srcStart[s]);
            for (int i = s; i < e; i++) joined.append(w.chars[i], w.srcStart[i], w.srcEnd[i]);
        }
        return replacePairs(replacePairs(joined, '`'), '\'');
    }

    /** Python's {@code text.replace(c + c, '"')}: left to right, without overlaps; the quote covers both. */
    private static NormalizedText replacePairs(NormalizedText in, char c) {
        NormalizedText out = new NormalizedText(in.length + 8);
        for (int i = 0; i < in.length; i++) {
            if (in.chars[i] == c && i + 1 < in.length && in.chars[i + 1] == c) {
                out.append('"', in.srcStart[i], in.srcEnd[i + 1]);
                i++;
            } else {
                out.append(in.chars[i], in.srcStart[i], in.srcEnd[i]);
            }
        }
        return out;
    }

    /** Maps UTF-16 indices of the preprocessed word to spans of the original text. */
    private record Spans(NormalizedText p, NormalizedText w, int wordStart) {
        int start(int i) {
            if (i < p.length) return p.srcStart[i];
            return p.length > 0 ? p.srcEnd[p.length - 1] : w.srcStart[Math.min(wordStart, w.length - 1)];
        }

        /** The end of {@code [start, end)}; an empty span (the {@code ▁} put in front) ends where it starts. */
        int end(int start, int end) {
            return end > start ? p.srcEnd[end - 1] : start(start);
        }
    }

    @Override
    public int tokenToId(String token) {
        int id = model.pieceToId(token);
        return id != model.unkId() || token.equals(model.idToPiece(id)) ? id : -1;
    }

    @Override
    public String idToToken(int id) {
        return model.idToPiece(id);
    }

    @Override
    public int vocabSize() {
        return model.vocabSize();
    }

    @Override
    public String unkToken() {
        return unkToken;
    }

    /** The id {@code PieceToId} gives a token the model lacks: a word passed on whole when sub-words are off. */
    int unkId() {
        return model.unkId();
    }
}
