package dev.bert4j.tokenizers;

import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;

/**
 * Hugging Face's {@code BPE} model as SentencePiece conversions use it (no continuing-subword prefix or end-of-word
 * suffix, no dropout): a word starts as one symbol per character (with {@code byte_fallback} an unknown character
 * becomes its {@code <0xXX>} byte tokens, else the unknown token, fused with an unknown neighbour when
 * {@code fuse_unk}, or dropped when there is no unknown token); then the adjacent pair with the lowest merge rank is merged, the leftmost of equals, until none
 * is left. Immutable.
 */
final class BpeModel implements PieceModel {
    private final Map<String, Integer> vocab;
    private final String[] byId;
    /** (left id, right id) → rank in the high 32 bits and the merged id in the low ones. */
    private final Map<Long, Long> merges;
    private final String unkToken;
    private final boolean fuseUnk;
    private final boolean byteFallback;
    /** Each byte's {@code <0xXX>} piece id, -1 where the vocabulary lacks it (used with byte fallback). */
    private final int[] byteIds;

    BpeModel(Map<String, Integer> vocab, List<String[]> mergeList, String unkToken, boolean fuseUnk, boolean byteFallback,
             String source) {
        this.vocab = Map.copyOf(vocab);
        int max = -1;
        for (int id : vocab.values()) max = Math.max(max, id);
        this.byId = new String[max + 1];
        for (Map.Entry<String, Integer> e : vocab.entrySet()) {
            if (e.getValue() < 0) throw TokenizerException.field(source, "model.vocab", "has a negative id for '" + e.getKey() + "'");
            byId[e.getValue()] = e.getKey();
        }
        this.merges = new HashMap<>(mergeList.size() * 2);
        for (int rank = 0; rank < mergeList.size(); rank++) {
            String[] m = mergeList.get(rank);
            Integer a = vocab.get(m[0]);
            Integer b = vocab.get(m[1]);
            Integer ab = vocab.get(m[0] + m[1]);
            if (a == null || b == null || ab == null) {
                throw TokenizerException.field(source, "model.merges[" + rank + "]", "merges '" + m[0] + "' and '" + m[1]
                        + "', but the vocabulary lacks one of them or their concatenation");
            }
            merges.putIfAbsent(pair(a, b), ((long) rank << 32) | ab);
        }
        if (unkToken != null && !vocab.containsKey(unkToken)) {
            throw TokenizerException.field(source, "model.unk_token", "'" + unkToken + "' is not in the vocabulary");
        }
        this.unkToken = unkToken;
        this.fuseUnk = fuseUnk;
        this.byteFallback = byteFallback;
        this.byteIds = BytePieces.ids(vocab);
    }

    private static long pair(int a, int b) {
        return ((long) a << 32) | (b & 0xFFFFFFFFL);
    }

    @Override
    public int tokenToId(String token) {
        Integer id = vocab.get(token);
        return id == null ? -1 : id;
    }

    @Override
    public String idToToken(int id) {
        return id >= 0 && id < byId.length ? byId[id] : null;
    }

    @Override
    public int vocabSize() {
        return vocab.size();
    }

    @Override
    public String unkToken() {
        return unkToken;
    }

    private record Merge(int pos, int rank, int newId) {}

    @Override
    public void tokenize(AlignedString w, int word, TokenSequence out) {
        int n = w.length;
        int[] id = new int[4 * n + 4];
        int[] first = new int[id.length];
        int[] last = new int[id.length];
        int count = symbols(w, id, first, last);
        int[] prev = new int[count];
        int[] next = new int[count];
        for (int k = 0; k < count; k++) {
            prev[k] = k - 1;
            next[k] = k + 1 < count ? k + 1 : -1;
        }
        boolean[] gone = new boolean[count];
        PriorityQueue<Merge> queue = new PriorityQueue<>((x, y) -> x.rank != y.rank ? Integer.compare(x.rank, y.rank)
                : Integer.compare(x.pos, y.pos));
        for (int k = 0; k + 1 < count; k++) push(queue, k, id[k], id[k + 1]);
        while (!queue.isEmpty()) {
            Merge top = queue.poll();
            int p = top.pos;
            if (gone[p] || next[p] < 0) continue;
            int r = next[p];
            Long m = merges.get(pair(id[p], id[r]));
            if (m == null || (int) (long) m != top.newId) continue;
            id[p] = top.newId;
            last[p] = last[r];
            gone[r] = true;
            next[p] = next[r];
            if (next[r] >= 0) prev[next[r]] = p;
            if (prev[p] >= 0) push(queue, prev[p], id[prev[p]], id[p]);
            if (next[p] >= 0) push(queue, p, id[p], id[next[p]]);
        }
        for (int k = 0; k >= 0 && k < count; k = next[k]) {
            out.add(id[k], byId[id[k]], w.start[first[k]], w.end[last[k]], word);
        }
    }

    private void push(PriorityQueue<Merge> queue, int pos, int a, int b) {
        Long m = merges.get(pair(a, b));
        if (m != null) queue.add(new Merge(pos, (int) (m >>> 32), (int) (long) m));
    }

    /** The initial symbols: ids and the code point range each covers; returns how many. */
    private int symbols(AlignedString w, int[] id, int[] first, int[] last) {
        int count = 0;
        boolean lastUnk = false;
        for (int i = 0; i < w.length; i++) {
            String c = Character.toString(w.cps[i]);
            Integer v = vocab.get(c);
            if (v == null && byteFallback) {
                byte[] utf8 = c.getBytes(StandardCharsets.UTF_8);
                int[] ids = new int[utf8.length];
                boolean all = true;
                for (int k = 0; k < utf8.length && all; k++) {
                    ids[k] = byteIds[utf8[k] & 0xFF];
                    all = ids[k] >= 0;
                }
                if (all) {
                    for (int b : ids) {
                        id[count] = b;
                        first[count] = i;
                        last[count++] = i;
                    }
                    lastUnk = false;
                    continue;
                }
            }
            if (v == null) {
                if (unkToken == null) continue; // as the reference: a character without a token is dropped
                if (fuseUnk && lastUnk) {
                    last[count - 1] = i;
                    continue;
                }
                v = vocab.get(unkToken);
                lastUnk = true;
            } else {
                lastUnk = false;
            }
            id[count] = v;
            first[count] = i;
            last[count++] = i;
        }
        return count;
    }
}
