package dev.bert4j.pipeline;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Plans packed forward passes over many sequences: sorts them by length and cuts the sorted order into
 * batches of at most {@code maxTokens} tokens and {@code maxSequences} sequences. A sequence longer than the
 * token budget gets a batch of its own. Callers put each result back at its input index, so the output order
 * is the input order whatever the plan.
 */
public record BatchPlanner(int maxTokens, int maxSequences) {
    /** Tokens per packed forward pass: large enough that every dense layer is one big matrix product. */
    public static final int DEFAULT_MAX_TOKENS = 8192;
    /** Sequences per packed forward pass. */
    public static final int DEFAULT_MAX_SEQUENCES = 256;
    public static final BatchPlanner DEFAULT = new BatchPlanner(DEFAULT_MAX_TOKENS, DEFAULT_MAX_SEQUENCES);

    public BatchPlanner {
        if (maxTokens < 1 || maxSequences < 1) {
            throw new PipelineInputException("a batch needs room for at least one token and one sequence, got "
                    + maxTokens + " tokens and " + maxSequences + " sequences");
        }
    }

    /** The batches, each a list of input indices in ascending length; every index in exactly one batch. */
    public List<int[]> plan(int[] lengths) {
        int[] order = byLength(lengths);
        List<int[]> batches = new ArrayList<>();
        int from = 0;
        long tokens = 0;
        for (int k = 0; k < order.length; k++) {
            int len = lengths[order[k]];
            if (k > from && (tokens + len > maxTokens || k - from == maxSequences)) {
                batches.add(Arrays.copyOfRange(order, from, k));
                from = k;
                tokens = 0;
            }
            tokens += len;
        }
        if (from < order.length) {
            batches.add(Arrays.copyOfRange(order, from, order.length));
        }
        return batches;
    }

    /** Indices sorted by length, stable, so equal lengths keep their input order. */
    private static int[] byLength(int[] lengths) {
        long[] keyed = new long[lengths.length];
        for (int i = 0; i < lengths.length; i++) {
            if (lengths[i] < 0) {
                throw new PipelineInputException("sequence " + i + " has a negative length " + lengths[i]);
            }
            keyed[i] = ((long) lengths[i] << 32) | i;
        }
        Arrays.sort(keyed);
        int[] order = new int[lengths.length];
        for (int i = 0; i < order.length; i++) {
            order[i] = (int) keyed[i];
        }
        return order;
    }
}
