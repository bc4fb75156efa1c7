package dev.bert4j.tokenizers;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A SentencePiece model ({@code spiece.model}, the {@code ModelProto} protocol buffer) with the encoding of the
 * {@code sentencepiece} library: its normalizer, then the Unigram model's Viterbi path over every piece (an
 * unknown character scoring the lowest piece score minus 10) or the BPE model's merges by piece score; runs of
 * unknown pieces become one. Each piece keeps the span of original text it came from. Immutable and thread-safe.
 */
public final class SentencePieceModel {
    static final int NORMAL = 1;
    static final int UNKNOWN = 2;
    static final int CONTROL = 3;
    static final int USER_DEFINED = 4;
    static final int UNUSED = 5;
    static final int BYTE = 6;

    /** One piece of an encoded text: its string, id and the {@code [start, end)} of original text it covers. */
    public record Piece(String piece, int id, int start, int end) {}

    private final String[] pieces;
    private final float[] scores;
    private final int[] types;
    private final Map<String, Integer> ids;
    private final int unkId;
    private final boolean bpe;
    private final int maxPieceLength;
    private final float unkScore;
    private final SentencePieceNormalizer normalizer;
    /** The normal and unused pieces by spelling: the Viterbi walks it from each position, stopping where no piece goes on. */
    private final VocabTrie trie;

    private SentencePieceModel(String[] pieces, float[] scores, int[] types, boolean bpe, SentencePieceNormalizer normalizer,
                               String source) {
        this.pieces = pieces;
        this.scores = scores;
        this.types = types;
        this.bpe = bpe;
        this.normalizer = normalizer;
        this.ids = new HashMap<>(pieces.length * 2);
        int unk = -1;
        int longest = 1;
        float min = Float.MAX_VALUE;
        for (int i = 0; i < pieces.length; i++) {
            if (types[i] == UNKNOWN) unk = i;
            if (types[i] == USER_DEFINED || types[i] == BYTE) {
                throw new TokenizerException(source + ": piece '" + pieces[i] + "' is a user-defined or byte piece, which"
                        + " bert4j's SentencePiece does not handle yet");
            }
            if (types[i] == NORMAL || types[i] == UNUSED) {
                ids.putIfAbsent(pieces[i], i);
                longest = Math.max(longest, pieces[i].codePointCount(0, pieces[i].length()));
            }
            if (types[i] == NORMAL) min = Math.min(min, scores[i]);
        }
        if (unk < 0) throw new TokenizerException(source + ": has no unknown piece");
        this.unkId = unk;
        long chars = 0;
        for (String piece : ids.keySet()) chars += piece.length();
        this.trie = new VocabTrie((int) Math.min(chars, 1 << 26));
        ids.forEach(trie::put);
        this.maxPieceLength = longest;
        this.unkScore = min - 10.0f;
    }

    /** Reads {@code spiece.model}; a malformed file is a {@link TokenizerException} naming it. */
    public static SentencePieceModel fromFile(Path file) {
        return SentencePieceFiles.read(TokenizerFiles.read(file), file.toString());
    }

    /** Reads a {@code spiece.model} from bytes; {@code sourceName} names it in error messages. */
    public static SentencePieceModel fromBytes(byte[] bytes, String sourceName) {
        if (bytes == null) throw new TokenizerException(sourceName + ": no input");
        return SentencePieceFiles.read(bytes, sourceName);
    }

    static SentencePieceModel of(String[] pieces, float[] scores, int[] types, boolean bpe,
                                 SentencePieceNormalizer normalizer, String source) {
        return new SentencePieceModel(pieces, scores, types, bpe, normalizer, source);
    }

    public int vocabSize() {
        return pieces.length;
    }

    public String idToPiece(int id) {
        return id >= 0 && id < pieces.length ? pieces[id] : null;
    }

    /** The id of {@code piece}, or the unknown piece's id, as {@code PieceToId} answers. */
    public int pieceToId(String piece) {
        Integer id = ids.get(piece);
        if (id != null) return id;
        for (int i = 0; i < pieces.length; i++) {
            if ((types[i] == CONTROL || types[i] == UNKNOWN) && pieces[i].equals(piece)) return i;
        }
        return unkId;
    }

    public int unkId() {
        return unkId;
    }

    /** The pieces of {@code text}, as {@code SentencePieceProcessor.Encode} gives them. */
    public List<Piece> encode(String text) {
        return encode(normalizer.normalize(text));
    }

    /** {@code text} as the model's normalizer writes it, each character with the span of {@code text} it came from. */
    SentencePieceNormalizer.Normalized normalize(String text) {
        return normalizer.normalize(text);
    }

    /**
     * The pieces of an already normalized text, with offsets into the text it was normalized from. The pieces
     * concatenate to {@code n.text()}: piece {@code i} starts where the pieces before it end.
     */
    List<Piece> encode(SentencePieceNormalizer.Normalized n) {
        String s = n.text();
        List<int[]> spans = bpe ? bpe(s) : unigram(s);
        List<Piece> out = new ArrayList<>(spans.size());
        for (int[] span : spans) {
            int id = span[2];
            Piece last = out.isEmpty() ? null : out.getLast();
            int start = n.start()[span[0]];
            int end = Math.max(start, n.end()[span[1] - 1]);
            if (id == unkId && last != null && last.id() == unkId) {
                out.set(out.size() - 1, new Piece(last.piece() + s.substring(span[0], span[1]), unkId, last.start(),
                        Math.max(last.end(), end)));
            } else {
                out.add(new Piece(s.substring(span[0], span[1]), id, start, end));
            }
        }
        return out;
    }

    /**
     * The Unigram model's best path, as the library's optimized Viterbi finds it: for each end position the best
     * path ending there, candidates taken by start position and then length, a later one replacing the kept one
     * only when strictly better. A piece's candidate score is summed in double precision and compared with the
     * kept float score (the library's {@code auto} makes it a double), while an unknown character's stays float.
     */
    private List<int[]> unigram(String s) {
        int[] cps = s.codePoints().toArray();
        int n = cps.length;
        int[] at = new int[n + 1];
        for (int k = 0; k < n; k++) at[k + 1] = at[k] + Character.charCount(cps[k]);
        float[] best = new float[n + 1];
        int[] from = new int[n + 1];
        int[] id = new int[n + 1];
        java.util.Arrays.fill(from, -1);
        for (int pos = 0; pos < n; pos++) {
            float till = best[pos];
            boolean single = false;
            int node = VocabTrie.ROOT;
            for (int len = 1; len <= maxPieceLength && pos + len <= n; len++) {
                for (int c = at[pos + len - 1]; c < at[pos + len] && node >= 0; c++) node = trie.child(node, s.charAt(c));
                if (node < 0) break;                                  // no piece starts with these characters
                int piece = trie.tokenId(node);
                if (piece < 0 || types[piece] == UNUSED) continue;
                double candidate = (double) scores[piece] + till;
                int e = pos + len;
                if (from[e] == -1 || candidate > best[e]) {
                    best[e] = (float) candidate;
                    from[e] = pos;
                    id[e] = piece;
                }
                single |= len == 1;
            }
            if (!single) {
                float candidate = unkScore + till;
                if (from[pos + 1] == -1 || candidate > best[pos + 1]) {
                    best[pos + 1] = candidate;
                    from[pos + 1] = pos;
                    id[pos + 1] = unkId;
                }
            }
        }
        List<int[]> path = new ArrayList<>();
        for (int e = n; e > 0; e = from[e]) path.addFirst(new int[] {at[from[e]], at[e], id[e]});
        return path;
    }

    /** The BPE model's merges: the adjacent pair making the best-scoring piece first, the leftmost of equals. */
    private List<int[]> bpe(String s) {
        return SentencePieceBpe.encode(s, ids, scores, types, unkId);
    }
}
