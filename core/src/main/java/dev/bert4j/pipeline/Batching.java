package dev.bert4j.pipeline;

import dev.bert4j.model.BertConfig;
import dev.bert4j.model.PackedInputs;
import dev.bert4j.tokenizers.Encoding;
import dev.bert4j.tokenizers.Tokenizer;

import java.util.ArrayList;
import java.util.List;

/**
 * Glue the task pipelines share: tokenizer encodings to packed batches planned by {@link BatchPlanner}, and
 * per-sequence slices of the head's outputs back. Pure functions.
 */
public final class Batching {
    private Batching() {
    }

    /**
     * The longest input the pipelines let through: the tokenizer's {@code model_max_length} when given, and
     * never more than {@code max_position_embeddings}.
     */
    public static int modelMaxLength(Tokenizer tokenizer, BertConfig config) {
        int maxPositions = config.maxPositionEmbeddings();
        return Math.min(tokenizer.modelMaxLength().orElse(maxPositions), maxPositions);
    }

    /** The tokenizer's pad id, else the config's {@code pad_token_id}. */
    public static int padId(Tokenizer tokenizer, BertConfig config) {
        int id = tokenizer.specialTokens().padId();
        return id >= 0 ? id : config.padTokenId();
    }

    /** One packed forward pass over some of the inputs: one result per sequence of {@code in}, in its order. */
    @FunctionalInterface
    public interface PackedPass<R> {
        List<R> run(PackedInputs in, int[] idx);
    }

    /** {@link #runPacked(List, BatchPlanner, PackedPass)} with {@link BatchPlanner#DEFAULT}. */
    public static <R> List<R> runPacked(List<Encoding> encodings, PackedPass<R> pass) {
        return runPacked(encodings, BatchPlanner.DEFAULT, pass);
    }

    /**
     * Runs {@code pass} over the (unpadded) encodings sorted by length and packed, without padding, into the
     * batches {@code planner} cuts, and returns its results in input order.
     */
    public static <R> List<R> runPacked(List<Encoding> encodings, BatchPlanner planner, PackedPass<R> pass) {
        int[] lengths = encodings.stream().mapToInt(Encoding::length).toArray();
        List<R> out = new ArrayList<>(java.util.Collections.nCopies(encodings.size(), (R) null));
        for (int[] idx : planner.plan(lengths)) {
            int[][] ids = new int[idx.length][];
            int[][] types = new int[idx.length][];
            for (int b = 0; b < idx.length; b++) {
                ids[b] = encodings.get(idx[b]).ids();
                types[b] = encodings.get(idx[b]).typeIds();
            }
            List<R> results = pass.run(PackedInputs.of(ids, types), idx);
            for (int b = 0; b < idx.length; b++) {
                out.set(idx[b], results.get(b));
            }
        }
        return out;
    }

    /** Rows {@code [from, from + n)} of a flat (rows, width) array, as one flat array. */
    public static float[] slice(float[] flat, int from, int n, int width) {
        return java.util.Arrays.copyOfRange(flat, from * width, (from + n) * width);
    }

    /** The encoding's offsets as [T][2]. */
    public static int[][] offsets(Encoding e) {
        int[][] out = new int[e.length()][];
        for (int i = 0; i < out.length; i++) {
            out[i] = new int[] {e.start(i), e.end(i)};
        }
        return out;
    }

    /** Fails when an input is longer than the model accepts (the pipelines that do not cut texts). */
    public static void requireFits(Encoding e, int maxLength, String what) {
        if (e.length() > maxLength) {
            throw new PipelineInputException("the " + what + " is " + e.length() + " tokens long, more than the "
                    + maxLength + " the model accepts; shorten it");
        }
    }

    /** The labels of a classifying head: {@code id2label}, or HF's {@code LABEL_i} when the config has none. */
    public static Id2Label id2label(BertConfig config, int numLabels) {
        return config.id2label().isEmpty() ? Id2Label.defaults(numLabels) : new Id2Label(config.id2label());
    }
}
