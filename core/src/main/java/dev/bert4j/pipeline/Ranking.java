package dev.bert4j.pipeline;

import java.util.PriorityQueue;

/**
 * Selecting the highest-scoring entries, the role {@code torch.topk} plays in the pipelines. Pure.
 */
public final class Ranking {

    private Ranking() {
    }

    /**
     * Indices of the {@code k} largest {@code values}, best first. Equal values keep index order (the
     * lower index first), which makes the result deterministic where {@code torch.topk} leaves the
     * order of ties unspecified.
     *
     * @param k how many to return, {@code 1 <= k <= values.length}
     */
    public static int[] topIndices(double[] values, int k) {
        if (k < 1 || k > values.length) {
            throw new IllegalArgumentException("k must be in [1, " + values.length + "], got " + k);
        }
        // min-heap of the best k so far: its head is the worst kept entry
        PriorityQueue<Integer> kept = new PriorityQueue<>(k, (a, b) -> compareBestFirst(values, b, a));
        for (int i = 0; i < values.length; i++) {
            if (kept.size() < k) {
                kept.add(i);
            } else if (compareBestFirst(values, i, kept.peek()) < 0) {
                kept.poll();
                kept.add(i);
            }
        }
        int[] best = new int[kept.size()];
        for (int slot = best.length - 1; slot >= 0; slot--) {
            best[slot] = kept.poll();
        }
        return best;
    }

    /** Negative when entry {@code a} ranks before entry {@code b}: higher value, then lower index. */
    private static int compareBestFirst(double[] values, int a, int b) {
        int byValue = Double.compare(values[b], values[a]);
        return byValue != 0 ? byValue : Integer.compare(a, b);
    }
}
