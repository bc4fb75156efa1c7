package dev.bert4j.train.tasks;

import dev.bert4j.model.BertInputs;

import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.function.IntUnaryOperator;
import java.util.stream.IntStream;

/** Padding features into batches, as HF's {@code DataCollatorWithPadding}: to the longest in the batch. */
public final class Batches {
    private Batches() {
    }

    /** The batch of sequences {@code ids[i]} / {@code types[i]}, padded with {@code padId} (mask 0). */
    public static BertInputs pad(List<int[]> ids, List<int[]> types, int padId) {
        return BertInputs.of(ids.toArray(int[][]::new), types.toArray(int[][]::new), padId);
    }

    /** Per-token labels padded with -100 to {@code T}, flat (B*T). */
    public static int[] padLabels(List<int[]> labels, int T) {
        int[] out = new int[labels.size() * T];
        Arrays.fill(out, -100);
        for (int b = 0; b < labels.size(); b++) {
            System.arraycopy(labels.get(b), 0, out, b * T, labels.get(b).length);
        }
        return out;
    }

    /**
     * Evaluation order: indices sorted by length, cut into batches, so little compute goes to padding (the
     * metrics do not depend on order).
     */
    static int[][] byLength(int n, IntUnaryOperator length, int batchSize) {
        int[] order = IntStream.range(0, n).boxed().sorted(Comparator.comparingInt(length::applyAsInt))
                .mapToInt(Integer::intValue).toArray();
        int[][] out = new int[(n + batchSize - 1) / batchSize][];
        for (int b = 0; b < out.length; b++) {
            out[b] = Arrays.copyOfRange(order, b * batchSize, Math.min(n, (b + 1) * batchSize));
        }
        return out;
    }

    static int argmax(float[] x, int off, int n) {
        int best = 0;
        for (int j = 1; j < n; j++) {
            if (x[off + j] > x[off + best]) {
                best = j;
            }
        }
        return best;
    }
}
