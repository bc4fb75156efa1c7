package dev.bert4j.tokenizers;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;

/**
 * SentencePiece's BPE encoding ({@code bpe_model.cc}): the text starts as one symbol per character; the adjacent
 * pair whose concatenation is the best-scoring piece is merged first (the leftmost of equal scores), until no pair
 * is a piece; a symbol that is not a piece is unknown.
 */
final class SentencePieceBpe {
    private SentencePieceBpe() {}

    private record Pair(int left, int right, float score, int length) {}

    static List<int[]> encode(String s, Map<String, Integer> ids, float[] scores, int[] types, int unkId) {
        int n = s.codePointCount(0, s.length());
        if (n == 0) return List.of();
        int[] start = new int[n];
        int[] stop = new int[n];
        int[] prev = new int[n];
        int[] next = new int[n];
        for (int k = 0, i = 0; k < n; k++) {
            start[k] = i;
            i += Character.charCount(s.codePointAt(i));
            stop[k] = i;
            prev[k] = k - 1;
            next[k] = k + 1 < n ? k + 1 : -1;
        }
        PriorityQueue<Pair> agenda = new PriorityQueue<>((a, b) -> a.score != b.score
                ? Float.compare(b.score, a.score) : Integer.compare(a.left, b.left));
        for (int k = 1; k < n; k++) add(agenda, s, start, stop, k - 1, k, ids, scores);
        while (!agenda.isEmpty()) {
            Pair top = agenda.poll();
            int l = top.left;
            int r = top.right;
            if (start[l] == stop[l] || start[r] == stop[r] || (stop[l] - start[l]) + (stop[r] - start[r]) != top.length) continue;
            stop[l] = stop[r];
            next[l] = next[r];
            if (next[r] >= 0) prev[next[r]] = l;
            start[r] = stop[r];
            add(agenda, s, start, stop, prev[l], l, ids, scores);
            add(agenda, s, start, stop, l, next[l], ids, scores);
        }
        List<int[]> out = new ArrayList<>();
        for (int k = 0; k >= 0; k = next[k]) {
            Integer id = ids.get(s.substring(start[k], stop[k]));
            out.add(new int[] {start[k], stop[k], id == null ? unkId : id});
        }
        return out;
    }

    private static void add(PriorityQueue<Pair> agenda, String s, int[] start, int[] stop, int l, int r,
                            Map<String, Integer> ids, float[] scores) {
        if (l < 0 || r < 0) return;
        if (stop[l] != start[r]) throw new IllegalStateException("symbols are not adjacent");
        Integer id = ids.get(s.substring(start[l], stop[r]));
        if (id == null) return;
        agenda.add(new Pair(l, r, scores[id], stop[r] - start[l]));
    }
}
