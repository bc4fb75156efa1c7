package dev.bert4j.tokenizers;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Hugging Face's {@code Unigram} model: the best-scoring segmentation of a word over every vocabulary entry (scores
 * summed in double precision; a character no entry starts scores the lowest score minus 10 and takes the unknown
 * id), runs of unknown pieces fused into one token whose text is the original, and with {@code byte_fallback} an
 * unknown piece spelled as {@code <0xXX>} byte tokens when the vocabulary has them all. Immutable.
 */
final class UnigramModel implements PieceModel {
    private static final double UNK_PENALTY = 10.0;

    private final String[] pieces;
    private final double[] scores;
    private final Map<String, Integer> ids;
    private final int unkId;
    private final boolean byteFallback;
    private final int maxPieceLength;
    private final double unkScore;
    /** The pieces by spelling: the Viterbi walks it from each position, stopping where no piece goes on. */
    private final VocabTrie trie;
    /** Each byte's {@code <0xXX>} piece id, -1 where the vocabulary lacks it (used with byte fallback). */
    private final int[] byteIds;

    /** @param unkId the unknown piece's id, or -1 for none (an unknown character is then an error) */
    UnigramModel(String[] pieces, double[] scores, int unkId, boolean byteFallback, String source) {
        if (unkId >= pieces.length) {
            throw TokenizerException.field(source, "model.unk_id", unkId + " is outside the " + pieces.length + " pieces");
        }
        this.pieces = pieces;
        this.scores = scores;
        this.unkId = unkId;
        this.byteFallback = byteFallback;
        this.ids = new HashMap<>(pieces.length * 2);
        double min = Double.MAX_VALUE;
        int longest = 1;
        for (int i = 0; i < pieces.length; i++) {
            ids.put(pieces[i], i);
            min = Math.min(min, scores[i]);
            longest = Math.max(longest, pieces[i].codePointCount(0, pieces[i].length()));
        }
        this.maxPieceLength = longest;
        this.unkScore = min - UNK_PENALTY;
        long chars = 0;
        for (String piece : ids.keySet()) chars += piece.length();
        this.trie = new VocabTrie((int) Math.min(chars, 1 << 26));
        ids.forEach(trie::put);                 // the map's ids: a repeated piece keeps its last id, as in HF
        this.byteIds = BytePieces.ids(ids);
    }

    @Override
    public int tokenToId(String token) {
        Integer id = ids.get(token);
        return id == null ? -1 : id;
    }

    @Override
    public String idToToken(int id) {
        return id >= 0 && id < pieces.length ? pieces[id] : null;
    }

    @Override
    public int vocabSize() {
        return pieces.length;
    }

    @Override
    public String unkToken() {
        return unkId < 0 ? null : pieces[unkId];
    }

    @Override
    public void tokenize(AlignedString w, int word, TokenSequence out) {
        String s = w.text();
        int[] at = new int[w.length + 1];
        for (int k = 0; k < w.length; k++) at[k + 1] = at[k] + Character.charCount(w.cps[k]);
        int[][] path = bestPath(s, at, w.length);
        for (int[] p : path) {
            String piece = s.substring(at[p[0]], at[p[1]]);
            int start = w.start[p[0]];
            int end = w.end[p[1] - 1];
            Integer id = ids.get(piece);
            if (id != null) {
                out.add(id, piece, start, end, word);
            } else if (!(byteFallback && bytes(piece, start, end, word, out))) {
                if (unkId < 0) throw new TokenizerException("the Unigram model has no unknown piece for '" + piece + "'");
                out.add(unkId, piece, start, end, word);
            }
        }
    }

    private boolean bytes(String piece, int start, int end, int word, TokenSequence out) {
        byte[] utf8 = piece.getBytes(java.nio.charset.StandardCharsets.UTF_8);
        for (byte b : utf8) {
            if (byteIds[b & 0xFF] < 0) return false;
        }
        for (byte b : utf8) {
            int id = byteIds[b & 0xFF];
            out.add(id, pieces[id], start, end, word);
        }
        return true;
    }

    /**
     * Code point ranges {@code [from, to)} of the best segmentation, unknown runs fused: for each end the best path
     * ending there, candidates by start and then length, a later one winning only when strictly better.
     */
    private int[][] bestPath(String s, int[] at, int n) {
        double[] best = new double[n + 1];
        int[] from = new int[n + 1];
        int[] id = new int[n + 1];
        Arrays.fill(from, -1);
        for (int pos = 0; pos < n; pos++) {
            double till = best[pos];
            boolean single = false;
            int node = VocabTrie.ROOT;
            for (int len = 1; len <= maxPieceLength && pos + len <= n; len++) {
                for (int c = at[pos + len - 1]; c < at[pos + len] && node >= 0; c++) node = trie.child(node, s.charAt(c));
                if (node < 0) break;                                  // no piece starts with these characters
                int piece = trie.tokenId(node);
                if (piece < 0) continue;
                double candidate = scores[piece] + till;
                int e = pos + len;
                if (from[e] == -1 || candidate > best[e]) {
                    best[e] = candidate;
                    from[e] = pos;
                    id[e] = piece;
                }
                single |= len == 1;
            }
            if (!single) {
                double candidate = unkScore + till;
                if (from[pos + 1] == -1 || candidate > best[pos + 1]) {
                    best[pos + 1] = candidate;
                    from[pos + 1] = pos;
                    id[pos + 1] = unkId;
                }
            }
        }
        List<int[]> path = new ArrayList<>();
        int fusedEnd = -1;
        for (int e = n; e > 0; e = from[e]) {
            boolean unk = unkId >= 0 && id[e] == unkId;
            if (unk) {
                if (fusedEnd < 0) fusedEnd = e;
                continue;
            }
            if (fusedEnd >= 0) {
                path.add(new int[] {e, fusedEnd});
                fusedEnd = -1;
            }
            path.add(new int[] {from[e], e});
        }
        if (fusedEnd >= 0) path.add(new int[] {0, fusedEnd});
        return path.reversed().toArray(int[][]::new);
    }
}
